"""Weight averaging for NER training (an exponential moving average of the parameters).

Evaluating and saving the running average of the weights instead of the last step's
weights (Polyak averaging) smooths out the noise of the last updates; for small taggers
it usually gains a few tenths of F1 at no cost at prediction time (the saved model is an
ordinary model of the same shape).

The training loop calls :meth:`WeightAverage.update` after every optimizer step,
:meth:`WeightAverage.swap_in` before evaluating (so the dev score and the saved weights
are the averaged ones) and :meth:`WeightAverage.swap_out` before training again.
"""

from __future__ import annotations

import torch
from torch import nn


class WeightAverage:
    """An exponential moving average of a module's floating-point state.

    ``decay`` is the weight of the old average at each update; early updates use
    ``min(decay, (1 + n) / (10 + n))`` so the average forgets the starting point fast.
    """

    def __init__(self, model: nn.Module, decay: float) -> None:
        if not 0.0 < decay < 1.0:
            raise ValueError(f"weight-average decay must be in (0, 1), got {decay}")
        self.decay = decay
        self.updates = 0
        self.average = {
            k: v.detach().clone()
            for k, v in model.state_dict().items()
            if v.dtype.is_floating_point
        }
        self._raw: dict[str, torch.Tensor] | None = None

    @property
    def swapped_in(self) -> bool:
        """True while the model holds the averaged weights."""
        return self._raw is not None

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        if self.swapped_in:
            raise RuntimeError("update() while the averaged weights are swapped in")
        self.updates += 1
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))
        state = model.state_dict()
        for k, avg in self.average.items():
            avg.mul_(d).add_(state[k].detach(), alpha=1.0 - d)

    @torch.no_grad()
    def swap_in(self, model: nn.Module) -> None:
        """Put the averaged weights into ``model`` (its own weights are kept aside)."""
        if self.swapped_in:
            return
        state = model.state_dict()
        self._raw = {k: state[k].detach().clone() for k in self.average}
        for k, avg in self.average.items():
            state[k].copy_(avg)

    @torch.no_grad()
    def swap_out(self, model: nn.Module) -> None:
        """Give ``model`` back the weights it had before :meth:`swap_in`."""
        if self._raw is None:
            return
        state = model.state_dict()
        for k, raw in self._raw.items():
            state[k].copy_(raw)
        self._raw = None
