"""What a newcomer does in the first minutes, as browser tests: probes, imports, paths, %pip."""

from __future__ import annotations

import io
import json
import zipfile

import pytest


@pytest.fixture(scope="module")
def a_newcomer_kernel(a_browser, a_site_url):
    """One notebook kernel for the module, opened as a visitor opens it."""
    from portlite_site.testing import guarded_page

    with guarded_page(a_browser, a_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        yield lite


def _error_text(result: dict) -> str:
    errors = [o for o in result["outputs"] if o["output_type"] == "error"]
    assert result["status"] == "error" and errors, json.dumps(result)[:2000]
    return "\n".join(errors[0]["traceback"])


def test_feature_probes_answer_as_on_a_server(a_newcomer_kernel) -> None:
    text = a_newcomer_kernel.text(
        "import cv2, onnxruntime\n"
        "print(cv2.__version__, onnxruntime.__version__)\n"
        "print(hasattr(cv2, 'xfeatures2d'), getattr(cv2, 'createBackgroundSubtractorKNN', None))\n"
        "print('OpenCV' in cv2.getBuildInformation(), hasattr(onnxruntime, 'training'))\n"
        "try:\n    from cv2 import cuda\nexcept ImportError as err:\n    print('ImportError')\n"
        "try:\n    cv2.xfeatures2d\nexcept NotImplementedError as err:\n    print(str(err)[:40])\n"
    )
    assert text.splitlines() == [
        "4.12.0 1.30.0",
        "False None",
        "True False",
        "ImportError",
        "cv2.xfeatures2d is not bridged to opencv",
    ]


def test_a_helper_module_imports_the_packages_the_site_ships(a_newcomer_kernel) -> None:
    a_newcomer_kernel.save_file(
        "helpers_pil.py",
        b"from PIL import Image\n\ndef size():\n    return Image.new('RGB', (3, 2)).size\n",
    )
    text = a_newcomer_kernel.text(
        "import importlib, sys\n"
        "print('PIL' in sys.modules, 'matplotlib' in sys.modules)\n"
        "import helpers_pil\n"
        "print(helpers_pil.size())\n"
        "print(importlib.import_module('matplotlib').__name__)\n"
    )
    assert text.splitlines() == ["False False", "(3, 2)", "matplotlib"]
    missing = _error_text(a_newcomer_kernel.execute("importlib.import_module('scipy')"))
    assert "ModuleNotFoundError" in missing
    assert "'scipy' is not one of the packages this site ships" in missing
    assert "PIL" in missing and "%pip install scipy" in missing


def test_server_paths_say_where_files_are_and_the_call_to_use(a_newcomer_kernel) -> None:
    model = "static/portlite/models/ch_PP-OCRv4_det_infer.onnx"
    fetch = f'portlite.models.fetch("{model}")'
    ort_error = _error_text(
        a_newcomer_kernel.execute(f"import onnxruntime\nonnxruntime.InferenceSession({model!r})")
    )
    assert "NoSuchFile" in ort_error and "File doesn't exist" in ort_error and fetch in ort_error
    imread = a_newcomer_kernel.execute("import cv2\nprint(cv2.imread('receipt.jpg'))")
    stderr = "".join(o.get("text", "") for o in imread["outputs"] if o.get("name") == "stderr")
    assert "can't open/read file" in stderr and 'portlite.models.fetch("receipt.jpg")' in stderr
    opened = _error_text(a_newcomer_kernel.execute("open('data/scores.csv')"))
    assert "FileNotFoundError" in opened and 'portlite.models.fetch("data/scores.csv")' in opened


def test_a_requirements_cell_succeeds_and_shell_pip_points_to_the_magic(a_newcomer_kernel) -> None:
    result = a_newcomer_kernel.execute("%pip install opencv-python-headless onnxruntime numpy")
    assert result["status"] == "ok", json.dumps(result)[:2000]
    said = "".join(o.get("text", "") for o in result["outputs"])
    assert "opencv-python-headless: already satisfied, provided by PortLite" in said
    assert "onnxruntime: already satisfied, provided by PortLite" in said
    shell = a_newcomer_kernel.execute("!pip install opencv-python")
    assert shell["status"] == "ok"
    assert "Use the %pip magic instead: %pip install opencv-python" in json.dumps(shell)
    versions = a_newcomer_kernel.text(
        "import importlib.metadata as md\n"
        "print(md.version('opencv-python'), md.version('onnxruntime'))"
    )
    assert versions.split() == ["4.12.0.88", "1.30.0"]


def test_a_server_package_that_depends_on_the_bridges_installs_offline(a_newcomer_kernel) -> None:
    """A pure-Python wheel that requires opencv-python and onnxruntime, as rapidocr does."""
    metadata = (
        "Metadata-Version: 2.1\nName: ocrserver\nVersion: 0.1\n"
        "Requires-Dist: opencv-python>=4.5\nRequires-Dist: onnxruntime>=1.14\n"
        "Requires-Dist: numpy\n"
    )
    files = {
        "ocrserver/__init__.py": (
            "import cv2, onnxruntime\nNAMES = (cv2.__name__, onnxruntime.__name__)\n"
        ),
        "ocrserver-0.1.dist-info/METADATA": metadata,
        "ocrserver-0.1.dist-info/WHEEL": (
            "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
        "ocrserver-0.1.dist-info/RECORD": "",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as wheel:
        for name, text in files.items():
            wheel.writestr(name, text)
    a_newcomer_kernel.save_file("ocrserver-0.1-py3-none-any.whl", buffer.getvalue())
    result = a_newcomer_kernel.execute("%pip install emfs:ocrserver-0.1-py3-none-any.whl")
    assert result["status"] == "ok", json.dumps(result)[:2000]
    text = a_newcomer_kernel.text("import ocrserver\nprint(*ocrserver.NAMES)")
    assert text.split() == ["portlite.cv2", "portlite.onnxruntime"]


def test_a_new_notebook_starts_python_without_asking(a_lite_page) -> None:
    a_lite_page.open_lab()
    a_lite_page.page.evaluate("() => window.jupyterapp.commands.execute('notebook:create-new')")
    a_lite_page.wait_for_kernel()
    assert a_lite_page.page.locator(".jp-Dialog").count() == 0
    assert a_lite_page.text("import cv2\nprint(cv2.__name__)").strip() == "portlite.cv2"
