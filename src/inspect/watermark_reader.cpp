// read_watermark: the fast panel path, the general scene-text path, and the rule
// that a time is Present only when two independent sources agree on it.
//
//   upright photo ──> analysis copy
//     ──> fast path (panels + Tesseract) ──> reading A
//           A agrees with the camera clock ──────────────────────────> Present
//           scene text reads A's blocks ──> B; A == B ────────────────> Present
//           segment bars read A's lines ──> S; S == camera, A or B, or S
//             read again at the analysis scale (no camera clock) ───> Present
//     ──> general path (detector + recogniser) ──> reading G
//           G agrees with the camera clock ──────────────────────────> Present
//           G read again from sharper pixels ──> G'; G == G' ─────────> Present
//           G == A or G == B (another reader) ───────────────────────> Present
//     ──> otherwise: a date and time that could not be confirmed, a date
//         without a time, a time without a date ─────────────────────> CannotVerify
//         nothing stamp-like where both paths looked ────────────────> Absent
//
// Why: a misread watermark time raises a fabrication signal (D.1) that can cancel
// a county's acceptance, and an "absent" watermark zeroes an indicator (D.7). One
// OCR reading is not evidence enough for either.
#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <utility>
#include <vector>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/segment_digits.hpp"
#include "evpack/inspect/watermark.hpp"
#include "evpack/inspect/watermark_scene.hpp"

namespace evpack {

namespace {

// The EXIF capture time names the same minute (camera_shows_minute).
bool camera_agrees(const WatermarkReading& r, const std::optional<Timestamp>& camera_time) {
  return has_date_and_time(r) && camera_time && camera_shows_minute(*camera_time, *r.date, r.hour, r.minute);
}

// Two readings from independent sources that name the same minute, and whose
// weekdays (where printed) do not both contradict that date.
bool agree(const WatermarkReading& a, const WatermarkReading& b) {
  return same_minute(a, b) && (weekday_agrees(a) || weekday_agrees(b));
}

// The fast path's digit blocks read by the scene-text recogniser: each cut from
// the analysis copy with a margin of backdrop (the recogniser was trained on
// lines cut that way), rows joined as the panel reads them. The cut reaches most
// of a character's height beyond the block on either side: the panel search can
// leave out a narrow "1" set wide before a large "7:39", and a second reading of
// the very same pixels would then agree on the wrong hour.
Expected<WatermarkJudgement> reread_blocks(const RasterImage& analysis, const std::vector<PixelRect>& blocks,
                                           SceneText& scene_text) {
  std::vector<ReadLine> lines;
  for (const PixelRect& b : blocks) {
    const int my = std::max(2, b.height * 3 / 10);
    const int mx = std::max(4, b.height * 4 / 5);
    const PixelRect cut{std::max(0, b.x - mx), std::max(0, b.y - my), b.width + 2 * mx, b.height + 2 * my};
    auto text = scene_text.read(crop(analysis, cut));
    if (!text) return text.error();
    ReadLine line;
    line.line.box = b;
    line.text = text->text;
    line.confidence = text->confidence;
    lines.push_back(std::move(line));
  }
  return judge_watermark_text(join_read_lines(std::move(lines)));
}

// A line of type that runs into the left or right border of the picture may have
// lost characters there (a reused copy cropped through the stamp shows "6:35:12"
// of 16:35:12): a second reading of it would agree on the loss.
bool touches_side(const PixelRect& box, int width) { return box.x <= 1 || box.x + box.width >= width - 1; }

// A candidate reading and where it came from.
// Tesseract reads the panel's digit lines: does it name g's minute? First with the
// type taken by Otsu's threshold, then, if not, as the lightest ink of its lines
// (white type with a dark outline or shadow, which Otsu's threshold leaves hollow).
Expected<bool> tesseract_confirms(const WatermarkReading& g, const ScenePanel& panel, const RasterImage& pixels,
                                  double scale, Ocr& ocr, const std::optional<Timestamp>& camera) {
  for (const SceneInk ink : {SceneInk::Otsu, SceneInk::Brightest}) {
    auto tess = read_scene_panel_with_ocr(panel, pixels, scale, ocr, ink);
    if (!tess) return tess.error();
    // Tesseract often loses a stamp's year to the panel's edge ("区 2 有
    // 01.25 15:40:52"): its month, day, hour and minute agreeing confirm
    // the reading when the year read is the camera's own.
    // Tesseract often garbles a date set with 年月日 ("202547108298") yet
    // reads the clock line: the minute confirmed by two engines and the
    // date by the camera's own date confirm the reading as a whole.
    if (agree(g, tess->judged.reading) ||
        (camera && digits_confirm_month_day_time(g, tess->text) && g.date->year == camera->date.year) ||
        (camera && text_shows_clock(g, tess->text) && *g.date == camera->date)) {
      return true;
    }
  }
  return false;
}

struct Guess {
  WatermarkReading reading;
  int score = 0;
};

std::string with_brand(std::string reason, const WatermarkReading& r) {
  if (!r.brand.empty()) reason += "，" + r.brand;
  return reason;
}

}  // namespace

WatermarkResult read_watermark(const RasterImage& upright, Ocr& ocr, const SharperImage& sharper,
                               const std::optional<Timestamp>& camera_time, SceneText* scene_text) {
  WatermarkResult out;
  if (upright.empty()) {
    out.reason = "图像为空，未检查水印";
    return out;
  }
  const RasterImage analysis = downscale_short(upright, kWatermarkAnalysisShort);
  const auto failed = [&](const Error& e) {
    WatermarkResult f;
    f.reason = e.message;
    return f;
  };
  // Models missing on this machine: go on as without a general detector (the
  // verdict then cannot be "absent") rather than leave every photo unchecked.
  const auto unavailable = [&](const Error& e) {
    if (e.code != "SCENE_TEXT_UNAVAILABLE") return false;
    scene_text = nullptr;
    return true;
  };
  const auto present = [&](WatermarkReading reading, std::string by, std::string how, double confidence) {
    out.state = Presence::Present;
    out.reading = std::move(reading);
    out.confirmed_by = std::move(by);
    out.confidence = confidence;
    out.reason = with_brand("读出水印时间 " + out.reading.timestamp()->iso() + "（" + how + "）", out.reading);
    return out;
  };

  // 1. The fast path.
  auto panels = read_watermark_panels(analysis, ocr, sharper);
  if (!panels) return failed(panels.error());
  out.text = panels->text;
  std::vector<Guess> guesses;
  WatermarkReading a = panels->best.reading;
  if (complete_date_from_camera_clock(a, camera_time)) {
    // The date came from the camera clock because its HH:MM matched it: the time
    // is confirmed by the camera, the date is the camera's.
    return present(std::move(a), "camera", "水印日期未能读出，取自同一分钟的相机拍摄时间", 0.8);
  }
  if (camera_agrees(a, camera_time)) return present(std::move(a), "camera", "与相机拍摄时间一致", 0.97);
  if (shows_stamp(a)) guesses.push_back({a, panels->best.score});

  const bool a_cut =
      std::any_of(panels->stamp_blocks.begin(), panels->stamp_blocks.end(),
                  [&](const PanelReading::StampBlock& block) { return touches_side(block.box, analysis.width); });
  std::optional<WatermarkReading> b;
  if (scene_text != nullptr && has_date_and_time(a) && !panels->stamp_blocks.empty() && !a_cut) {
    // A weekday printed beside the date and agreeing with it confirms the date
    // (the app computes it from the date): then only the time needs a second
    // reader. Otherwise the date's and the time's blocks are read again.
    const bool date_by_weekday = a.weekday != 0 && weekday_agrees(a) && panels->best.settled;
    std::vector<PixelRect> blocks;
    for (const auto& block : panels->stamp_blocks) {
      if (!date_by_weekday || block.time || (!block.date && !block.time)) blocks.push_back(block.box);
    }
    auto reread = reread_blocks(analysis, blocks, *scene_text);
    if (!reread && !unavailable(reread.error())) return failed(reread.error());
    if (reread && agree(a, reread->reading) && (panels->best.settled || reread->settled)) {
      return present(std::move(a), "reread", "两种识别方法读数一致", 0.95);
    }
    if (reread && date_by_weekday && reread->reading.hour == a.hour && reread->reading.minute == a.minute &&
        !reread->reading.date) {
      return present(std::move(a), "reread", "星期与日期一致，时刻两种识别方法读数一致", 0.93);
    }
    if (reread && shows_stamp(reread->reading)) {
      b = reread->reading;
      guesses.push_back({reread->reading, reread->score});
    }
  }

  // The sharper decode, made once and only when a step needs it.
  const RasterImage* sharp = nullptr;
  double sharp_scale = 1.0;
  const auto sharp_pixels = [&]() -> const RasterImage& {
    if (sharp == nullptr) {
      const RasterImage& decoded = sharper.get();
      const int analysis_short = std::min(analysis.width, analysis.height);
      const bool larger = std::min(decoded.width, decoded.height) > analysis_short;
      sharp = larger ? &decoded : &analysis;
      sharp_scale = larger ? static_cast<double>(std::min(decoded.width, decoded.height)) / analysis_short : 1.0;
    }
    return *sharp;
  };

  // Seven-segment type (date imprints, camera displays) read by its bars, an
  // engine independent of OCR, on the lines `blocks` of the analysis copy:
  // confirmed by the camera clock, by another engine's reading (`others`), or,
  // when no camera clock names another time, by its own reading at the analysis
  // scale. True when `out` is set; otherwise the reading joins the guesses.
  const bool camera_says_otherwise = camera_time && camera_time->has_time() && camera_time->date.valid();
  const auto segments_settle = [&](const std::vector<PanelReading::StampBlock>& blocks,
                                   std::initializer_list<const WatermarkReading*> others) {
    if (blocks.empty()) return false;
    const RasterImage& pixels = sharp_pixels();  // sets sharp_scale
    auto s = read_segment_blocks(pixels, sharp_scale, blocks);
    if (!s || !shows_stamp(s->reading)) return false;
    WatermarkReading r = s->reading;
    if (complete_date_from_camera_clock(r, camera_time)) {
      present(std::move(r), "camera", "水印日期未能读出，取自同一分钟的相机拍摄时间", 0.8);
      return true;
    }
    if (camera_agrees(r, camera_time)) {
      present(std::move(r), "camera", "与相机拍摄时间一致", 0.97);
      return true;
    }
    // A line running into the picture's side may have lost digits there ("7:15"
    // of 17:15), and every reading of it loses them alike: only the camera clock
    // confirms it.
    const bool cut = std::any_of(blocks.begin(), blocks.end(), [&](const PanelReading::StampBlock& block) {
      return touches_side(block.box, analysis.width);
    });
    if (has_date_and_time(r) && !cut) {
      for (const WatermarkReading* other : others) {
        if (other == nullptr || !has_date_and_time(*other) || !agree(r, *other)) continue;
        present(std::move(r), "reread", "两种识别方法读数一致", 0.95);
        return true;
      }
      if (!camera_says_otherwise && sharp_scale > 1.0) {
        auto small = read_segment_blocks(analysis, 1.0, blocks);
        if (small && small->settled && agree(r, small->reading)) {
          present(std::move(r), "reread", "数码字形在两种尺寸下读数一致", 0.9);
          return true;
        }
      }
    }
    guesses.push_back({r, s->score});
    return false;
  };
  if (!a_cut && segments_settle(panels->stamp_blocks, {&a, b ? &*b : nullptr})) return out;
  // An orange imprint neither text finder outlined (small digits on a dark patch):
  // found by its colour, read by its bars.
  {
    std::vector<PanelReading::StampBlock> orange;
    for (const PixelRect& line : find_orange_stamp_lines(analysis)) orange.push_back({line});
    if (segments_settle(orange, {a_cut ? nullptr : &a, b ? &*b : nullptr})) return out;
  }

  // 2. The general path: the detector at 640 px over the analysis copy, then, if
  // no date and time came out, over a mosaic of the edge strips of the sharper
  // decode with the lines read from it (a phone frame's small date line is under
  // 10 px in the analysis copy).
  std::string unread_stamp;
  bool doubted_by_camera = false;  // the recogniser agreed with itself, the camera clock did not
  // Tries to confirm a panel of the general path; true when `out` is set.
  const auto settle = [&](const ScenePanel& panel) -> Expected<bool> {
    if (!out.text.empty()) out.text += '\n';
    out.text += panel.text;
    WatermarkReading g = panel.judged.reading;
    if (complete_date_from_camera_clock(g, camera_time)) {
      present(std::move(g), "camera", "水印日期未能读出，取自同一分钟的相机拍摄时间", 0.8);
      return true;
    }
    if (camera_agrees(g, camera_time)) {
      present(std::move(g), "camera", "与相机拍摄时间一致", 0.97);
      return true;
    }
    const bool g_cut = std::any_of(panel.lines.begin(), panel.lines.end(), [&](const ReadLine& line) {
      return count_ascii_digits(line.text) >= 2 && touches_side(line.line.box, analysis.width);
    });
    // The recogniser reading its own lines again agrees with itself more easily
    // than two engines agree with each other (segment digits: a 7 read as 9 at
    // every scale): such a confirmation does not stand against a camera clock
    // that names another time.
    // Then Tesseract reads the panel's digit lines: two engines agreeing is a
    // confirmation that stands against a camera clock a few minutes off (watermark
    // apps stamp network time, the camera clock is the phone's own).
    std::optional<bool> other_engine;  // Tesseract agrees with g; read once, on demand
    const auto weak = [&](const char* how, double confidence) -> Expected<bool> {
      if (camera_says_otherwise) {
        if (!other_engine) {
          auto confirmed = tesseract_confirms(g, panel, sharp_pixels(), sharp_scale, ocr, camera_time);
          if (!confirmed) return confirmed.error();
          other_engine = *confirmed;
        }
        if (!*other_engine) {
          doubted_by_camera = true;
          return false;
        }
        present(std::move(g), "reread", "两种识别方法读数一致", 0.95);
        return true;
      }
      present(std::move(g), "reread", how, confidence);
      return true;
    };
    if (!g_cut) {
      std::vector<PanelReading::StampBlock> digit_lines;
      for (const ReadLine& line : panel.lines) {
        if (count_ascii_digits(line.text) >= 2) digit_lines.push_back({line.line.box});
      }
      if (segments_settle(digit_lines, {&g, a_cut ? nullptr : &a, b ? &*b : nullptr})) return true;
    }
    if (has_date_and_time(g) && !g_cut) {
      if (agree(g, a) && !a_cut) {
        present(std::move(g), "reread", "两种识别方法读数一致", 0.95);
        return true;
      }
      if (b && agree(g, *b)) {
        auto done = weak("两次识别读数一致", 0.93);
        if (!done) return done.error();
        if (*done) return true;
      }
      const RasterImage& pixels = sharp_pixels();
      auto again = reread_scene_panel(panel, pixels, sharp_scale, *scene_text);
      if (!again) return again.error();
      if (agree(g, again->reading) && again->settled) {
        auto done = weak("两次识别读数一致", 0.93);
        if (!done) return done.error();
        if (*done) return true;
      }
      if (shows_stamp(again->reading)) guesses.push_back({again->reading, again->score});
      // The wide cut read nothing whole (digital stamps' segment digits are
      // fragile): a third reading of the sharper pixels, cut close, may agree.
      if (sharp_scale > 1.0 && !has_date_and_time(again->reading)) {
        auto third = reread_scene_panel(panel, pixels, sharp_scale, *scene_text, 1.03, 1.1);
        if (!third) return third.error();
        if (agree(g, third->reading) && third->settled) {
          auto done = weak("两次识别读数一致", 0.9);
          if (!done) return done.error();
          if (*done) return true;
        }
        if (shows_stamp(third->reading)) guesses.push_back({third->reading, third->score});
      }
    }
    guesses.push_back({g, panel.judged.score});
    return false;
  };
  if (scene_text != nullptr) {
    auto coarse = read_scene_watermark(analysis, *scene_text);
    if (!coarse && !unavailable(coarse.error())) return failed(coarse.error());
    if (coarse) {
      out.scene_text_used = true;
      unread_stamp = coarse->unread_stamp;
      if (coarse->best) {
        auto done = settle(*coarse->best);
        if (!done) return failed(done.error());
        if (*done) return out;
      }
      if (!coarse->best || !has_date_and_time(coarse->best->judged.reading)) {
        SceneLook fine;
        fine.edge_mosaic = true;
        fine.read_from = &sharp_pixels();
        fine.scale = sharp_scale;
        // Small type worth the finer look sits in frames and corner stamps, along
        // the edges: lines in the middle were read at 640 already if legible.
        fine.max_lines = 6;
        fine.margin = 0.2;
        auto found = read_scene_watermark(analysis, *scene_text, fine, coarse->read_boxes);
        if (!found) return failed(found.error());
        if (unread_stamp.empty()) unread_stamp = found->unread_stamp;
        if (found->best) {
          auto done = settle(*found->best);
          if (!done) return failed(done.error());
          if (*done) return out;
        }
      }
    }
  }

  // 3. Nothing confirmed: say what was seen, never a time as if it were sure.
  const Guess* best = nullptr;
  for (const Guess& g : guesses) {
    if (best == nullptr || g.score > best->score) best = &g;
  }
  if (best != nullptr) {
    out.state = Presence::CannotVerify;
    out.reading = best->reading;
    const WatermarkReading& r = out.reading;
    if (has_date_and_time(r)) {
      out.confidence = 0.5;
      out.reason =
          doubted_by_camera
              ? "读出疑似水印时间 " + r.timestamp()->iso() + "，与相机记录的拍摄时间 " + camera_time->iso() +
                    " 不符，且未能用另一种识别方法复核，水印时间无法可靠识别"
              : "读出疑似水印时间 " + r.timestamp()->iso() + "，但两次识别结果不一致或无法复核，水印时间无法可靠识别";
    } else if (r.date) {
      out.confidence = 0.6;
      out.reason = "水印只显示日期 " + r.date->iso() + "，没有读出具体时刻（仅有日期的水印无法证明拍摄时刻）";
    } else if (r.hour >= 0) {
      out.confidence = 0.5;
      out.reason = "读出水印时刻，但未能读出日期";
    } else {
      out.confidence = 0.5;
      out.reason = "有疑似水印的文字，但未能读出日期和时间";
    }
    return out;
  }
  if (scene_text == nullptr) {
    // Only the light-on-dark panel search looked: other styles (dark type on a
    // light panel, frames, outlined stamps) cannot be ruled out.
    out.state = Presence::CannotVerify;
    out.confidence = 0.4;
    out.reason = "未找到浅色水印文字；照片文字检测模型不可用，无法排除其他样式的水印（请运行 tools/setup.sh 安装模型）";
    return out;
  }
  if (!unread_stamp.empty()) {
    // A line of digits near an edge that reads as no date: a digital date stamp
    // the recogniser could not make out ("32125" for '25 3 21).
    out.state = Presence::CannotVerify;
    out.confidence = 0.4;
    out.reason = "照片边缘有疑似日期水印的数字（识别为“" + unread_stamp + "”），未能读出日期和时间";
    return out;
  }
  out.state = Presence::Absent;
  out.reading = {};
  out.confidence = panels->text_seen || !out.text.empty() ? 0.8 : 0.9;
  out.reason = panels->text_seen || !out.text.empty() ? "画面中的文字不含拍摄日期和时间" : "未发现时间水印";
  return out;
}

}  // namespace evpack
