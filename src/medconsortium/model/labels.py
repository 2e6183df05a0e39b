"""Bilingual labels: what people read, Chinese first and English beside it."""

from __future__ import annotations

from typing import Literal

import attrs

Lang = Literal["zh", "en"]


@attrs.frozen
class Label:
    """A text shown to people, in Chinese and in English.

    >>> Label("县域医共体", "county medical community").show("zh")
    '县域医共体 (county medical community)'
    >>> Label("县域医共体", "county medical community").show("en")
    'county medical community (县域医共体)'
    """

    zh: str
    en: str

    def show(self, lang: Lang = "zh") -> str:
        """Both languages, the chosen one first."""
        if self.zh == self.en:
            return self.zh
        return f"{self.zh} ({self.en})" if lang == "zh" else f"{self.en} ({self.zh})"

    def pick(self, lang: Lang) -> str:
        """Only the chosen language."""
        return self.zh if lang == "zh" else self.en
