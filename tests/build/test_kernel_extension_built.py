"""The build ships PortLite's extension, listed, with its default settings."""

from __future__ import annotations

import json

from portlite_site.kernel_extension import EXTENSION_NAME, PLUGIN_ID, preload_settings


def test_the_build_ships_the_extension_and_writes_its_default_settings(a_built_site) -> None:
    config = json.loads((a_built_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    (listed,) = [e for e in config["federated_extensions"] if e["name"] == EXTENSION_NAME]
    assert (a_built_site / "extensions" / EXTENSION_NAME / listed["load"]).is_file()
    assert config["litePluginSettings"][PLUGIN_ID] == preload_settings({})
