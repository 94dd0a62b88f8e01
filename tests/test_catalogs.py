"""The texts that come from below ui/ exist in English, and render in the language set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from jd_admin import i18n
from jd_admin.domain.errors import IllegalTransition
from jd_admin.domain.recruitment import APPLICATION_WORKFLOW, ApplicationState
from jd_admin.domain.roles import Role
from jd_admin.domain.text import _

ROOT = Path(__file__).resolve().parent.parent


def _messages_tool():
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages_tool"] = module
    spec.loader.exec_module(module)
    return module


def test_every_text_has_an_english_translation() -> None:
    tool = _messages_tool()
    found = tool.extract()
    assert len(found) > 50  # the extractor sees the code's texts
    assert tool.problems(found, tool.load()) == []


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("zh_CN")


def test_texts_render_in_the_language_set(english) -> None:
    assert str(Role.ADMIN.label) == "System administrator"
    with pytest.raises(IllegalTransition) as info:
        APPLICATION_WORKFLOW.check(Role.SUBDISTRICT, ApplicationState.DRAFT,
                                   ApplicationState.BUREAU_APPROVED, None)
    assert str(info.value) == "Cannot change from “Draft” to “Final approval by sports bureau”"
    i18n.set_language("zh_CN")
    assert str(info.value) == "不能从“草稿”变为“区体育局审定通过”"


def test_an_unknown_text_shows_its_source(english) -> None:
    assert str(_("没有翻译的{n}条", n=3)) == "没有翻译的3条"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("fr")
