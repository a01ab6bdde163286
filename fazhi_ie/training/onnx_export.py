"""Write a trained NER model's network as ONNX (``model.onnx`` in its directory), the
file the library runs with ONNX Runtime (:mod:`fazhi_ie.ner.onnx_engine`), so that
parsing needs neither torch nor hanlp.

    python -m fazhi_ie.training.onnx_export models/ner-msra-bilstm-crf

The graph is built op by op from the weights in ``model.pt`` (read with
``weights_only=True``): the feature embeddings (``Gather``), their concatenation, one
bidirectional ``LSTM`` that reads each sentence's length (so the backward direction
starts at the sentence's last character, as ``pack_padded_sequence`` makes torch do),
and the output layer. The CRF's parameters are graph outputs that need no input; the
Viterbi decoding stays in numpy (:mod:`fazhi_ie.ner.viterbi`). Float32 throughout: the
emission scores equal torch's to about 1e-5.

Needs torch (to read the weights) and ``onnx`` (``pip install -e ".[train]"``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from fazhi_ie.ner.features import FEATURE_CONFIG
from fazhi_ie.pretrained import NER_ONNX_FILE

#: ONNX operator set of the graph (LSTM with sequence_lens, Gather, MatMul)
OPSET = 17
#: embedding weight name in ``model.pt`` of each input feature
EMBEDDINGS = {
    "token": "embed.weight",
    "bigram": "bigram_embed.weight",
    "seg": "seg_embed.weight",
    "lex": "lex_embed.weight",
}
CRF_OUTPUTS = {
    "crf_start": "crf.start_transitions",
    "crf_transitions": "crf.transitions",
    "crf_end": "crf.end_transitions",
}


def _gates_iofc(w: np.ndarray) -> np.ndarray:
    """torch's gate blocks (input, forget, cell, output) in ONNX's order (i, o, f, c)."""
    i, f, g, o = np.split(w, 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


def build_graph(state: Mapping[str, np.ndarray], config: Mapping[str, Any]) -> Any:
    """The ONNX model of a :class:`~fazhi_ie.ner.model.BigramTaggingModel`'s weights.

    Inputs: ``token`` and each feature the config enables (``bigram``, ``seg``,
    ``lex``), int64 ``(rows, width)``; ``lengths`` int32 ``(rows,)``. Outputs:
    ``emissions`` float32 ``(rows, width, tags)`` and the CRF's parameters.
    """
    from onnx import TensorProto, checker, helper, numpy_helper

    features = ["token"] + [f for f, key in FEATURE_CONFIG.items() if config.get(key)]
    layout = {EMBEDDINGS[f] for f in features} | set(CRF_OUTPUTS.values())
    layout |= {"out.weight", "out.bias"}
    layout |= {
        f"word_lstm.{kind}_{part}_l0{d}"
        for kind in ("weight", "bias")
        for part in ("ih", "hh")
        for d in ("", "_reverse")
    }
    if set(state) != layout:  # another layout (a projection, no CRF, ...): torch only
        odd = sorted(set(state) ^ layout)
        raise ValueError(f"not the embeddings-BiLSTM-CRF layout: {odd[:4]} differ")
    hidden = state["word_lstm.weight_hh_l0"].shape[1]
    n_tags = state["out.weight"].shape[0]
    dirs = ("", "_reverse")
    weights = {
        "W": np.stack([_gates_iofc(state[f"word_lstm.weight_ih_l0{d}"]) for d in dirs]),
        "R": np.stack([_gates_iofc(state[f"word_lstm.weight_hh_l0{d}"]) for d in dirs]),
        "B": np.stack(
            [
                np.concatenate(
                    [
                        _gates_iofc(state[f"word_lstm.bias_ih_l0{d}"]),
                        _gates_iofc(state[f"word_lstm.bias_hh_l0{d}"]),
                    ]
                )
                for d in dirs
            ]
        ),
        "out_w": np.ascontiguousarray(state["out.weight"].T),
        "out_b": state["out.bias"],
        "out_shape": np.array([0, 0, 2 * hidden], dtype=np.int64),
    }
    weights.update({f"{f}_embed": state[EMBEDDINGS[f]] for f in features})
    weights.update({f"{k}_value": state[v] for k, v in CRF_OUTPUTS.items()})
    inits = [
        numpy_helper.from_array(
            np.asarray(a, dtype=np.int64 if k == "out_shape" else np.float32), k
        )
        for k, a in weights.items()
    ]
    nodes = [helper.make_node("Gather", [f"{f}_embed", f], [f"{f}_vec"]) for f in features]
    nodes += [
        helper.make_node("Concat", [f"{f}_vec" for f in features], ["vec"], axis=2),
        helper.make_node("Transpose", ["vec"], ["vec_t"], perm=[1, 0, 2]),
        helper.make_node(
            "LSTM",
            ["vec_t", "W", "R", "B", "lengths"],
            ["hidden"],
            direction="bidirectional",
            hidden_size=hidden,
        ),
        helper.make_node("Transpose", ["hidden"], ["hidden_t"], perm=[2, 0, 1, 3]),
        helper.make_node("Reshape", ["hidden_t", "out_shape"], ["both"]),
        helper.make_node("MatMul", ["both", "out_w"], ["scores"]),
        helper.make_node("Add", ["scores", "out_b"], ["emissions"]),
    ]
    nodes += [helper.make_node("Identity", [f"{k}_value"], [k]) for k in CRF_OUTPUTS]
    inputs = [
        helper.make_tensor_value_info(f, TensorProto.INT64, ["rows", "width"]) for f in features
    ]
    inputs.append(helper.make_tensor_value_info("lengths", TensorProto.INT32, ["rows"]))
    outputs = [
        helper.make_tensor_value_info("emissions", TensorProto.FLOAT, ["rows", "width", n_tags])
    ]
    outputs += [
        helper.make_tensor_value_info(k, TensorProto.FLOAT, list(state[v].shape))
        for k, v in CRF_OUTPUTS.items()
    ]
    graph = helper.make_graph(nodes, "fazhi_ie_ner", inputs, outputs, inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="fazhi_ie"
    )
    model.ir_version = min(model.ir_version, 9)  # readable by older ONNX Runtimes
    checker.check_model(model)
    return model


def export(model_dir: str | Path, out: str | Path | None = None) -> Path:
    """Write ``model_dir``'s network as ONNX (default ``model_dir/model.onnx``)."""
    import onnx
    import torch

    model_dir = Path(model_dir)
    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    state = torch.load(model_dir / "model.pt", map_location="cpu", weights_only=True)
    arrays = {k: v.detach().float().numpy() for k, v in state.items()}
    target = Path(out) if out else model_dir / NER_ONNX_FILE
    onnx.save(build_graph(arrays, config), target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fazhi_ie.training.onnx_export")
    parser.add_argument("model_dir", help="a trained model's directory (config.json, model.pt)")
    parser.add_argument("--out", help=f"where to write (default MODEL_DIR/{NER_ONNX_FILE})")
    args = parser.parse_args(argv)
    path = export(args.model_dir, args.out)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
