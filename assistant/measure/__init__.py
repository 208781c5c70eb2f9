"""Measuring tools, apart from the product's stages: ``evaluate`` (recall, MRR and refusals
on a labelled question set), ``ablation`` (what each search stage adds) and ``bench`` (speed
and memory against a bare sentence-transformers process). The answer path never imports them;
``python -m assistant eval|ablation|bench`` does."""
