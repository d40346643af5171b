"""The preload settings' schema at build time (CPython): defaults, overrides, refusals."""

from __future__ import annotations

import json

import pytest

from portlite_site.kernel_extension import PLUGIN_ID, SCHEMA_PATH, preload_settings


def test_no_settings_give_the_schemas_defaults() -> None:
    assert preload_settings({}) == {
        "bridges": ["cv2", "onnxruntime"],
        "aliases": True,
        "modelCache": True,
        "opencvUrl": "./static/portlite/opencv/opencv.js",
        "opencvScalarUrl": "./static/portlite/opencv/scalar/opencv.js",
        "onnxruntimeUrl": "./static/portlite/onnxruntime-web/",
        "numThreads": 0,
        "linkCode": "ask",
    }


def test_a_site_owners_settings_override_the_defaults() -> None:
    settings = preload_settings({"bridges": ["onnxruntime"], "numThreads": 2})
    assert settings["bridges"] == ["onnxruntime"] and settings["numThreads"] == 2
    assert settings["aliases"] is True


@pytest.mark.parametrize(
    ("given", "names"),
    [
        ({"threads": 2}, "'threads' was unexpected"),
        ({"bridges": ["cv3"]}, "['bridges'][0]"),
        ({"aliases": "yes"}, "['aliases']"),
        ({"numThreads": -1}, "['numThreads']"),
        ({"linkCode": "always"}, "['linkCode']"),
        ({"onnxruntimeUrl": "./static/ort"}, "['onnxruntimeUrl']"),
    ],
)
def test_settings_outside_the_schema_stop_the_build_naming_the_setting(
    given: dict, names: str
) -> None:
    with pytest.raises(ValueError) as caught:
        preload_settings(given)
    message = str(caught.value)
    assert message.startswith(f'litePluginSettings["{PLUGIN_ID}"]') and names in message


def test_the_schema_refuses_unknown_settings_everywhere() -> None:
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["additionalProperties"] is False
    assert all("default" in node for node in schema["properties"].values())
