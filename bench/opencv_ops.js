// The opencv.js kernels the SIMD benchmark times (bench/bench_cv2_simd.py), as a
// function of a loaded opencv.js module: 1080p inputs made once, each op writing
// into Mats kept between calls. Deterministic inputs, so both builds get the same
// pixels.
// eslint-disable-next-line no-unused-vars
function makeOps(cv) {
  const W = 1920, H = 1080;
  const rnd = (m) => { const d = m.data; let s = 12345; for (let i = 0; i < d.length; i++) { s = (s * 1103515245 + 12345) & 0x7fffffff; d[i] = s >> 16; } return m; };
  const bgr = rnd(new cv.Mat(H, W, cv.CV_8UC3));
  const grey = new cv.Mat(); cv.cvtColor(bgr, grey, cv.COLOR_BGR2GRAY);
  const smooth = new cv.Mat(); cv.GaussianBlur(grey, smooth, new cv.Size(9, 9), 0);
  const f32 = new cv.Mat(); grey.convertTo(f32, cv.CV_32F, 1 / 255);
  const blobs = new cv.Mat(H, W, cv.CV_8UC1);
  const blobPixels = blobs.data;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { const dx = (x % 120) - 60, dy = (y % 120) - 60; blobPixels[y * W + x] = dx * dx + dy * dy < 2025 ? 200 : 40; }
  const dst = new cv.Mat(), dst2 = new cv.Mat(), mask = new cv.Mat();
  const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5));
  const M = cv.getRotationMatrix2D(new cv.Point(960, 540), 30, 1);
  const P = cv.matFromArray(3, 3, cv.CV_64F, [1, 0.1, 5, 0.05, 1, 3, 1e-5, 2e-5, 1]);
  const mapx = new cv.Mat(H, W, cv.CV_32FC1), mapy = new cv.Mat(H, W, cv.CV_32FC1);
  const xs = mapx.data32F, ys = mapy.data32F;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { xs[y * W + x] = x * 0.9 + 10; ys[y * W + x] = y * 0.95 + 5; }
  const lo = new cv.Mat(H, W, cv.CV_8UC3, new cv.Scalar(20, 30, 40, 0)), hi = new cv.Mat(H, W, cv.CV_8UC3, new cv.Scalar(200, 210, 220, 0));
  const tmpl = grey.roi(new cv.Rect(900, 500, 80, 60)).clone();
  const small = new cv.Mat(); cv.resize(grey, small, new cv.Size(480, 270));
  const smallBgr = new cv.Mat(); cv.resize(bgr, smallBgr, new cv.Size(480, 270));
  const orb = new cv.ORB(500); const kps = new cv.KeyPointVector(); const desc = new cv.Mat();
  const ops = {
    resize_nearest: () => cv.resize(bgr, dst, new cv.Size(192, 108), 0, 0, cv.INTER_NEAREST),
    resize_linear: () => cv.resize(bgr, dst, new cv.Size(192, 108), 0, 0, cv.INTER_LINEAR),
    resize_linear_half: () => cv.resize(bgr, dst, new cv.Size(960, 540), 0, 0, cv.INTER_LINEAR),
    resize_linear_up: () => cv.resize(small, dst, new cv.Size(1920, 1080), 0, 0, cv.INTER_LINEAR),
    resize_area: () => cv.resize(bgr, dst, new cv.Size(480, 270), 0, 0, cv.INTER_AREA),
    resize_cubic: () => cv.resize(smallBgr, dst, new cv.Size(960, 540), 0, 0, cv.INTER_CUBIC),
    cvtColor_gray: () => cv.cvtColor(bgr, dst, cv.COLOR_BGR2GRAY),
    cvtColor_hsv: () => cv.cvtColor(bgr, dst, cv.COLOR_BGR2HSV),
    cvtColor_rgb: () => cv.cvtColor(bgr, dst, cv.COLOR_BGR2RGB),
    cvtColor_lab: () => cv.cvtColor(bgr, dst, cv.COLOR_BGR2Lab),
    GaussianBlur: () => cv.GaussianBlur(bgr, dst, new cv.Size(5, 5), 0),
    GaussianBlur_f32: () => cv.GaussianBlur(f32, dst, new cv.Size(5, 5), 0),
    blur: () => cv.blur(bgr, dst, new cv.Size(5, 5)),
    medianBlur: () => cv.medianBlur(bgr, dst, 5),
    bilateralFilter: () => cv.bilateralFilter(smallBgr, dst, 9, 75, 75),
    filter2D: () => cv.filter2D(grey, dst, -1, kernel),
    Sobel: () => cv.Sobel(grey, dst, cv.CV_16S, 1, 0),
    Scharr: () => cv.Scharr(grey, dst, cv.CV_32F, 0, 1),
    Laplacian: () => cv.Laplacian(grey, dst, cv.CV_16S, 3),
    threshold: () => cv.threshold(grey, dst, 128, 255, cv.THRESH_BINARY),
    threshold_otsu: () => cv.threshold(grey, dst, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU),
    adaptiveThreshold: () => cv.adaptiveThreshold(grey, dst, 255, cv.ADAPTIVE_THRESH_MEAN_C, cv.THRESH_BINARY, 11, 2),
    findContours: () => { cv.threshold(blobs, dst, 128, 255, cv.THRESH_BINARY); const c = new cv.MatVector(), h = new cv.Mat(); cv.findContours(dst, c, h, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE); c.delete(); h.delete(); },
    Canny: () => cv.Canny(smooth, dst, 50, 150),
    equalizeHist: () => cv.equalizeHist(grey, dst),
    warpAffine: () => cv.warpAffine(bgr, dst, M, new cv.Size(W, H)),
    warpPerspective: () => cv.warpPerspective(bgr, dst, P, new cv.Size(W, H)),
    remap: () => cv.remap(bgr, dst, mapx, mapy, cv.INTER_LINEAR),
    dilate: () => cv.dilate(grey, dst, kernel),
    erode_bgr: () => cv.erode(bgr, dst, kernel),
    morphologyEx_open: () => cv.morphologyEx(grey, dst, cv.MORPH_OPEN, kernel),
    pyrDown: () => cv.pyrDown(bgr, dst),
    pyrUp: () => cv.pyrUp(smallBgr, dst),
    add: () => cv.add(bgr, lo, dst),
    subtract: () => cv.subtract(bgr, lo, dst),
    absdiff: () => cv.absdiff(bgr, lo, dst),
    addWeighted: () => cv.addWeighted(bgr, 0.7, lo, 0.3, 0, dst),
    multiply_f32: () => cv.multiply(f32, f32, dst),
    bitwise_and: () => cv.bitwise_and(bgr, hi, dst),
    inRange: () => cv.inRange(bgr, lo, hi, dst),
    convertTo_f32: () => bgr.convertTo(dst, cv.CV_32F, 1 / 255),
    convertScaleAbs: () => cv.convertScaleAbs(f32, dst, 255),
    normalize: () => cv.normalize(f32, dst, 0, 1, cv.NORM_MINMAX),
    flip: () => cv.flip(bgr, dst, 1),
    transpose: () => cv.transpose(grey, dst),
    rotate: () => cv.rotate(bgr, dst, cv.ROTATE_90_CLOCKWISE),
    split_merge: () => { const v = new cv.MatVector(); cv.split(bgr, v); cv.merge(v, dst); v.delete(); },
    countNonZero: () => cv.countNonZero(grey),
    mean: () => cv.mean(bgr),
    minMaxLoc: () => cv.minMaxLoc(grey),
    integral: () => cv.integral(grey, dst),
    distanceTransform: () => cv.distanceTransform(blobs, dst, cv.DIST_L2, 3),
    connectedComponents: () => { cv.threshold(blobs, dst2, 128, 255, cv.THRESH_BINARY); cv.connectedComponents(dst2, dst); },
    matchTemplate: () => cv.matchTemplate(small, tmpl, dst, cv.TM_CCOEFF_NORMED),
    cornerHarris: () => cv.cornerHarris(small, dst, 2, 3, 0.04),
    goodFeaturesToTrack: () => cv.goodFeaturesToTrack(grey, dst, 200, 0.01, 10),
    HoughLinesP: () => { cv.Canny(smooth, dst2, 50, 150); cv.HoughLinesP(dst2, dst, 1, Math.PI / 180, 80, 30, 10); },
    calcHist: () => { const v = new cv.MatVector(); v.push_back(grey); cv.calcHist(v, [0], mask, dst, [256], [0, 256]); v.delete(); },
    LUT: () => { const lut = new cv.Mat(1, 256, cv.CV_8UC1); cv.LUT(grey, lut, dst); lut.delete(); },
    dft: () => cv.dft(f32.roi(new cv.Rect(0, 0, 1024, 1024)), dst),
    ORB: () => { orb.detectAndCompute(grey, mask, kps, desc); },
  };
  return ops;
}
