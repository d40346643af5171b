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
    # Not in opencv.js, and pure values or bookkeeping: written in Python, as OpenCV does it.
    "getTextSize": "not in opencv.js: the Hershey fonts' metrics (read off opencv-python) "
    "added up as OpenCV does",
    "dnn.NMSBoxes": "not in opencv.js: OpenCV's NMSFast_ in numpy, step for step",
    "dnn.NMSBoxesBatched": "not in opencv.js: OpenCV's class offsets and NMSFast_ in numpy",
    "dnn.NMSBoxesRotated": "not in opencv.js: OpenCV's NMSFast_, overlaps from the bridged "
    "rotatedRectangleIntersection and contourArea",
    "dnn.blobFromImages": "not in opencv.js: the bridged blobFromImage on each image, stacked",
    "dnn.imagesFromBlob": "not in opencv.js: a transpose of the blob, in numpy",
    "idft": "not in opencv.js: the bridged dft with DFT_INVERSE, as OpenCV's idft is",
    "sumElems": "not in opencv.js: numpy sums each channel in float64",
    "KeyPoint_convert": "not in opencv.js: KeyPoints and points are plain values",
    "KeyPoint.convert": "the same as KeyPoint_convert, for the class's static",
    "getNumThreads": "not in opencv.js: opencv.js runs on the kernel's one thread (1)",
    "setNumThreads": "not in opencv.js: accepted and ignored (one thread)",
    "getNumberOfCPUs": "not in opencv.js: the browser's navigator.hardwareConcurrency",
    "getTickCount": "not in opencv.js: a nanosecond clock, as on Linux",
    "getTickFrequency": "not in opencv.js: 1e9 ticks a second, as on Linux",
    "setUseOptimized": "not in opencv.js: remembered; opencv.js's code is chosen at build",
    "useOptimized": "not in opencv.js: what setUseOptimized last set (True at first)",
    "getVersionString": "not in opencv.js: the OpenCV release it is built from",
    "getVersionMajor": "not in opencv.js: the OpenCV release it is built from",
    "getVersionMinor": "not in opencv.js: the OpenCV release it is built from",
    "getVersionRevision": "not in opencv.js: the OpenCV release it is built from",
    "findNonZero": "not in opencv.js: numpy's argwhere, in OpenCV's (x, y) row order",
    "PSNR": "not in opencv.js: OpenCV's formula on the bridged norm",
    "copyTo": "not in opencv.js: a masked copy, in numpy",
    "extractChannel": "not in opencv.js: a channel slice, in numpy",
    "insertChannel": "not in opencv.js: a channel assignment, in numpy",
    "phase": "not in opencv.js: the angles of the bridged cartToPolar (the same fastAtan2)",
    "scaleAdd": "not in opencv.js: the bridged addWeighted with beta 1, OpenCV's own route "
    "for integer images",
    "haveImageReader": "opencv.js has no image codecs: whether Pillow can read the file",
    "haveImageWriter": "opencv.js has no image codecs: whether there is a writer for the extension",
    "estimateAffinePartial2D": "not in opencv.js: OpenCV's RANSAC and LMEDS step for step "
    "(its random generator, two-point model and float32 errors: the same inliers), then "
    "the least-squares fit its Levenberg-Marquardt refinement converges to",
    "undistortPoints": "not in opencv.js: cvUndistortPointsInternal term for term in numpy "
    "float64 (bit for bit; a tilted sensor is refused)",
    "undistortPointsIter": "not in opencv.js: undistortPoints with a count of rounds",
    "undistortImagePoints": "not in opencv.js: undistortPoints with the camera matrix as "
    "projection",
    "getOptimalNewCameraMatrix": "not in opencv.js: OpenCV's steps on undistortPoints' grid of "
    "border points, in Python (bit for bit)",
    "PCACompute": "not in opencv.js: OpenCV's PCA steps in numpy, with the bridged eigen",
    "PCACompute2": "not in opencv.js: OpenCV's PCA steps in numpy, with the bridged eigen",
    "cornerSubPix": "not in opencv.js: OpenCV's iteration step for step on the bridged "
    "getRectSubPix, its sums in double in its order",
    "sort": "not in opencv.js: numpy's sort along the rows or columns",
    "sortIdx": "not in opencv.js: numpy's stable argsort (ties keep their order)",
    "completeSymm": "not in opencv.js: a triangle copied onto the other, in numpy",
    "patchNaNs": "not in opencv.js: a masked assignment, in numpy",
    "getGaussianKernel": "not in opencv.js: read off the bridged GaussianBlur of a unit "
    "impulse (OpenCV's own kernel, bit for bit); an even size in Python",
    "getGaborKernel": "not in opencv.js: OpenCV's formula, term for term, in Python",
    "accumulate": "not in opencv.js: an in-place sum, in numpy",
    "accumulateSquare": "not in opencv.js: an in-place sum, in numpy",
    "accumulateProduct": "not in opencv.js: an in-place sum, in numpy",
    "accumulateWeighted": "not in opencv.js: an in-place running average, in numpy",
    "drawMatchesKnn": "opencv.js's takes its mask as a vector of vectors of chars, which the "
    "marshaller does not pass: the bridged drawMatches on the flattened lists",
    "dnn.readNet": "not bridged on its own: an ONNX file goes to the bridged readNetFromONNX",
    "dnn.Net.setPreferableTarget": "not in opencv.js: accepted, opencv.js computes on the CPU",
    "calibrateCamera": "not in opencv.js: its calibrateCameraExtended (the same fit), without "
    "the standard deviations and per-view errors",
    "convertPointsToHomogeneous": "not in opencv.js: a column of ones, in numpy",
    "convertPointsFromHomogeneous": "not in opencv.js: OpenCV's 1/w scale (1 near w = 0), in numpy",
    "TickMeter": "not in opencv.js: a stopwatch on getTickCount's nanoseconds",
    "dct": "not in opencv.js: the orthonormal cosine transform as a matrix product in double",
    "idct": "not in opencv.js: the orthonormal cosine transform as a matrix product in double",
    "hasNonZero": "not in opencv.js: numpy's any",
    "borderInterpolate": "not in opencv.js: OpenCV's index arithmetic, in Python",
    "rectangleIntersectionArea": "not in opencv.js: OpenCV's Rect2d intersection, in Python",
    "Mahalanobis": "not in opencv.js: the quadratic form in double, in numpy",
    "PCAProject": "not in opencv.js: (data - mean) eigenvectors^T, products in double",
    "PCABackProject": "not in opencv.js: data eigenvectors + mean, in double",
    "calcCovarMatrix": "not in opencv.js: OpenCV's mean (sums times 1/n in the result's "
    "type) and mulTransposed",
    "checkRange": "not in opencv.js: OpenCV's bounds (half-open; integer images against "
    "floor/ceil), in numpy",
    "mulTransposed": "not in opencv.js: the product in float64, as OpenCV sums, in numpy",
    "reduceArgMax": "not in opencv.js: numpy's argmax (first or last of equal values)",
    "reduceArgMin": "not in opencv.js: numpy's argmin (first or last of equal values)",
    "KeyPoint_overlap": "not in opencv.js: OpenCV's circle overlap in float32, in Python",
    "KeyPoint.overlap": "the same as KeyPoint_overlap, for the class's static",
    "KalmanFilter": "not in opencv.js: OpenCV's predict and correct step for step in numpy "
    "(products summed in double; the gain from numpy's pseudo-inverse where OpenCV solves by "
    "SVD)",
    "VideoWriter_fourcc": "not in opencv.js (no videoio): four characters packed in an int",
    "ocl.haveOpenCL": "no OpenCL in a browser: False",
    "ocl.useOpenCL": "no OpenCL in a browser: False",
    "ocl.setUseOpenCL": "no OpenCL in a browser: accepted and ignored",
    "ipp.useIPP": "opencv.js has no IPP: False. opencv-python's x86 wheels use IPP for some "
    "calls, 1 level apart from OpenCV's own code on some pixels: an 8-bit INTER_CUBIC resize "
    "(3% of values measured), cvtColor to HLS_FULL (16%) and from HSV_FULL (10%)",
    "ipp.useIPP_NotExact": "opencv.js has no IPP: False",
    "ipp.setUseIPP": "opencv.js has no IPP: accepted and ignored",
    "ipp.setUseIPP_NotExact": "opencv.js has no IPP: accepted and ignored",
    "linearPolar": "not in opencv.js: OpenCV's own one-line call of the bridged warpPolar",
    "logPolar": "not in opencv.js: OpenCV's own one-line call of the bridged warpPolar",
    "connectedComponentsWithAlgorithm": "not in opencv.js: the bridged default labelling, "
    "renumbered in row order for the pixel-scan algorithms (Wu, SAUF) as they number",
    "connectedComponentsWithStatsWithAlgorithm": "not in opencv.js: the bridged default "
    "labelling with stats, renumbered as connectedComponentsWithAlgorithm",
    "getDerivKernels": "not in opencv.js: OpenCV's integer Sobel and Scharr taps, in Python",
    "solveCubic": "not in opencv.js: OpenCV's closed form, step for step in doubles",
    "ipp.getIppVersion": "opencv.js has no IPP: 'disabled', as OpenCV built without it says",
    **dict.fromkeys(
        ("colorChange", "illuminationChange", "textureFlattening"),
        "opencv.js's (SIMD build), then the caller's mask eroded and inverted, as OpenCV "
        "4.12 leaves it",
    ),
    "calibrationMatrixValues": "opencv.js cannot bind its double& outputs: OpenCV's "
    "arithmetic, in Python",
    **dict.fromkeys(
        ("findEssentialMat", "recoverPose"),
        "opencv.js's (SIMD build), and for the focal/pp form, which opencv.js does not "
        "bind, the camera matrix OpenCV's own code builds of them",
    ),
    "RQDecomp3x3": "opencv.js binds it without Qz: its decomposeProjectionMatrix (SIMD "
    "build) runs OpenCV's RQDecomp3x3 on [src | 0] and returns every part",
    "stereoRectify": "opencv.js's (SIMD build) without its Rect* outputs, which embind "
    "cannot pass: the valid rectangles from its transforms, with OpenCV's steps",
    "seamlessClone": "opencv.js's (SIMD build), then the caller's mask cleared at its edge, "
    "eroded and inverted, as OpenCV 4.12 leaves it",
}

#: For opencv-python names opencv.js lacks: the closest bridged call.
ALTERNATIVES: dict[str, str] = {
    "resizeWindow": "nothing: cv2.imshow shows images in the cell's output",
    "moveWindow": "nothing: cv2.imshow shows images in the cell's output",
    "VideoCapture": "read frames as image files with cv2.imread",
}
