"""The cv2 functions with a hand-written wrapper, and why the table cannot run them.

Every other bridged function is generated (:mod:`._table`); a test checks
that each name here has a wrapper and each wrapper a reason.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    # imgcodecs: opencv.js is built without codecs.
    "imread": "opencv.js has no image codecs: Pillow decodes, as opencv-python would",
    "imdecode": "opencv.js has no image codecs: Pillow decodes, as opencv-python would",
    "imencode": "opencv.js has no image codecs: Pillow encodes",
    "imwrite": "opencv.js has no image codecs: Pillow encodes",
    # highgui: no windows in a notebook.
    "imshow": "no windows in a notebook: the image is shown in the cell's output",
    "waitKey": "no windows in a notebook: returns -1 (no key) at once",
    "waitKeyEx": "no windows in a notebook: returns -1 (no key) at once",
    "destroyAllWindows": "no windows in a notebook: nothing to close",
    "destroyWindow": "no windows in a notebook: nothing to close",
    "namedWindow": "no windows in a notebook: nothing to open",
    # opencv.js's own bindings take other arguments than OpenCV's C++ function.
    "boxPoints": "opencv.js's binding takes a RotatedRect and returns 4 points",
    "split": "numpy slices the channels without a round trip",
    "minMaxLoc": "opencv.js's binding returns one object instead of four outputs",
    "minEnclosingCircle": "opencv.js's binding returns one object instead of two outputs",
    "HuMoments": "opencv.js takes a Moments object; the seven sums are computed in numpy, "
    "with OpenCV's formulas",
    "merge": "numpy stacks the channels without a round trip",
    "meanShift": "opencv.js returns [iterations, window] instead of updating the window it took",
    "CamShift": "opencv.js returns [box, window] instead of updating the window it took",
    "floodFill": "opencv.js drops the filled region's rect: it is read off the mask",
    "DescriptorMatcher_create": "opencv.js binds only the named form: a "
    "cv2.DESCRIPTOR_MATCHER_* number is turned into its name, as OpenCV does",
    "DescriptorMatcher.create": "the same as DescriptorMatcher_create, for the class's static",
    "clipLine": "opencv.js returns only the bool (the clipped ends are lost): OpenCV's "
    "integer clipping, in Python",
    "SimpleBlobDetector_Params": "opencv.js binds no constructor for the struct: a new "
    "detector's getParams() gives one with OpenCV's defaults",
    "TrackerMIL_create": "opencv.js binds TrackerMIL::Params neither to make nor to read: "
    "the tracker takes OpenCV's defaults (giving parameters raises)",
    "TrackerMIL.create": "the same as TrackerMIL_create, for the class's static",
    "Tracker.update": "opencv.js returns [found, box] instead of writing the box into an "
    "output Rect",
}

#: For opencv-python names opencv.js lacks: the closest bridged call.
ALTERNATIVES: dict[str, str] = {
    "resizeWindow": "nothing: cv2.imshow shows images in the cell's output",
    "moveWindow": "nothing: cv2.imshow shows images in the cell's output",
    "VideoCapture": "read frames as image files with cv2.imread",
    "cvtColorTwoPlane": "cv2.cvtColor on the merged planes",
    "fastNlMeansDenoising": "cv2.bilateralFilter or cv2.GaussianBlur",
    "fastNlMeansDenoisingColored": "cv2.bilateralFilter or cv2.GaussianBlur",
    "warpPolar": "cv2.remap with maps built in numpy",
    "linearPolar": "cv2.remap with maps built in numpy",
    "logPolar": "cv2.remap with maps built in numpy",
    "SIFT_create": "cv2.AKAZE_create or cv2.ORB_create",
    "getTextSize": "cv2.getFontScaleFromHeight",
    "findChessboardCorners": "cv2.goodFeaturesToTrack",
    "dnn.NMSBoxes": "numpy, or onnxruntime for the model itself",
}
