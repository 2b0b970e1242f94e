#include "evpack/adapters/metadata_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;
using testing::source_dir;
using testing::TempDir;

std::string exif_file(const std::string& name) { return corpus_dir() + "/exif/" + name; }
std::string heic_file(const std::string& name) { return corpus_dir() + "/heic/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

// One row of corpus/EXIF_FACTS.tsv (made with ExifTool 12.57 and exiv2 0.27.6), by column name.
using FactsRow = std::map<std::string, std::string>;

std::vector<FactsRow> read_exif_facts() {
  std::ifstream in(corpus_dir() + "/EXIF_FACTS.tsv");
  std::string line;
  std::getline(in, line);
  const auto header = split(line, '\t');
  std::vector<FactsRow> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto cells = split(line, '\t');
    FactsRow row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

TEST(ParseExifTimestamp, ReadsTheExifForm) {
  const auto t = parse_exif_timestamp("2025:03:18 09:30:15");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->iso(), "2025-03-18 09:30:15");
}

TEST(ParseExifTimestamp, ToleratesVariants) {
  EXPECT_EQ(parse_exif_timestamp("2025-03-18 09:30:15")->iso(), "2025-03-18 09:30:15");
  EXPECT_EQ(parse_exif_timestamp("2013-07-05T03:18:27Z")->iso(), "2013-07-05 03:18:27");
  EXPECT_EQ(parse_exif_timestamp("2021-04-11T15:47:53.123-05:00")->iso(), "2021-04-11 15:47:53");
  EXPECT_EQ(parse_exif_timestamp("  2025:03:18 09:30")->iso(), "2025-03-18 09:30:00");
  EXPECT_EQ(parse_exif_timestamp("2025:03:18")->iso(), "2025-03-18");
  // A valid date with a broken time keeps the date only.
  const auto broken_time = parse_exif_timestamp("2025:03:18 25:61:00");
  ASSERT_TRUE(broken_time);
  EXPECT_FALSE(broken_time->has_time());
  EXPECT_EQ(broken_time->iso(), "2025-03-18");
}

TEST(ParseExifTimestamp, RejectsBlankZeroAndImpossibleDates) {
  EXPECT_FALSE(parse_exif_timestamp(""));
  EXPECT_FALSE(parse_exif_timestamp("                   "));
  EXPECT_FALSE(parse_exif_timestamp("    :  :     :  :  "));
  EXPECT_FALSE(parse_exif_timestamp("0000:00:00 00:00:00"));
  EXPECT_FALSE(parse_exif_timestamp("2025:02:30 10:00:00"));
  EXPECT_FALSE(parse_exif_timestamp("2025:13:01 10:00:00"));
  EXPECT_FALSE(parse_exif_timestamp("2025:3:18 10:00:00"));
  EXPECT_FALSE(parse_exif_timestamp("not a date at all"));
  EXPECT_FALSE(parse_exif_timestamp("2025"));
}

class Exiv2MetadataReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_metadata_library(); }
  std::unique_ptr<MetadataReader> reader_ = make_exiv2_metadata_reader();
};

// Every corpus JPEG against the table made with exiv2 0.27.6 and ExifTool.
TEST_F(Exiv2MetadataReaderTest, AgreesWithExifFactsTableOnAllCorpusJpegs) {
  const auto rows = read_exif_facts();
  ASSERT_EQ(rows.size(), 40u);
  int with_date = 0;
  for (const auto& row : rows) {
    const std::string name = row.at("file");
    SCOPED_TRACE(name);
    const auto meta = reader_->read(exif_file(name));
    const std::string exiv2_date = row.at("Exif.Photo.DateTimeOriginal(exiv2 0.27.6)");
    const std::string any_date = row.at("DateTimeOriginal(exiftool, any group)");
    if (!meta) {
      // Only files nobody can read the EXIF of may fail.
      EXPECT_EQ(meta.error().code, "META_UNREADABLE");
      EXPECT_EQ(exiv2_date, "-");
      EXPECT_EQ(row.at("make"), "-");
      continue;
    }
    // DateTimeOriginal: the EXIF tag as exiv2 reads it; where EXIF has none but
    // ExifTool found one in XMP (30-type_error.jpg), the XMP fallback must find it too.
    const std::string expected_date = exiv2_date != "-" ? exiv2_date : any_date;
    if (expected_date == "-") {
      EXPECT_FALSE(meta->date_time_original) << meta->date_time_original->iso();
    } else {
      ASSERT_TRUE(meta->date_time_original);
      EXPECT_EQ(meta->date_time_original, parse_exif_timestamp(expected_date));
      ++with_date;
    }
    // Make/Model come from ExifTool, which refuses files with a "JPEG format error"
    // that exiv2 still reads tags from: no expectation there.
    if (row.at("exiftool warning/error").find("format error") == std::string::npos) {
      EXPECT_EQ(meta->make, row.at("make") == "-" ? "" : row.at("make"));
      EXPECT_EQ(meta->model, row.at("model") == "-" ? "" : row.at("model"));
    }
    const std::string orientation = row.at("Exif.Image.Orientation(exiv2)");
    const int raw_orientation = orientation == "-" ? 1 : std::stoi(orientation);
    EXPECT_EQ(meta->orientation, raw_orientation >= 1 && raw_orientation <= 8 ? raw_orientation : 1);
    if (raw_orientation > 8) {
      EXPECT_FALSE(meta->warnings.empty());
    }

    const std::string gps = row.at("GPS lat,lon(exiftool)");
    if (gps == "-") {
      EXPECT_FALSE(meta->gps);
    } else {
      ASSERT_TRUE(meta->gps);
      const auto parts = split(gps, ',');
      EXPECT_NEAR(meta->gps->latitude, std::stod(parts.at(0)), 1e-5);
      EXPECT_NEAR(meta->gps->longitude, std::stod(parts.at(1)), 1e-5);
    }
    const std::string size = row.at("image size");
    if (size != "-") {
      const auto wh = split(size, ' ');
      EXPECT_EQ(meta->pixel_width, std::stoi(wh.at(0)));
      EXPECT_EQ(meta->pixel_height, std::stoi(wh.at(1)));
    }
  }
  EXPECT_EQ(with_date, 23);  // 22 EXIF DateTimeOriginal + 1 from XMP
}

TEST_F(Exiv2MetadataReaderTest, ReadsNikonGpsAndThumbnail) {
  const auto meta = reader_->read(exif_file("DSCN0010.jpg"));
  ASSERT_TRUE(meta) << meta.error().message;
  EXPECT_TRUE(meta->has_exif);
  ASSERT_TRUE(meta->gps);
  EXPECT_NEAR(meta->gps->latitude, 43.467448, 1e-6);
  EXPECT_NEAR(meta->gps->longitude, 11.885127, 1e-6);
  EXPECT_EQ(meta->make, "NIKON");
  EXPECT_EQ(meta->model, "COOLPIX P6000");
  EXPECT_EQ(meta->software, "Nikon Transfer 1.1 W");
  ASSERT_TRUE(meta->create_date);
  EXPECT_EQ(meta->create_date->iso(), "2008-10-22 16:28:39");
  ASSERT_TRUE(meta->modify_date);
  EXPECT_EQ(meta->modify_date->iso(), "2008-11-01 21:15:07");
  ASSERT_GT(meta->thumbnail.size(), 1000u);
  EXPECT_EQ(meta->thumbnail[0], 0xFF);
  EXPECT_EQ(meta->thumbnail[1], 0xD8);
}

TEST_F(Exiv2MetadataReaderTest, SouthAndWestAreNegative) {
  const auto kodak = reader_->read(exif_file("Kodak_CX7530.jpg"));
  ASSERT_TRUE(kodak && kodak->gps);
  EXPECT_LT(kodak->gps->latitude, 0);  // S
  EXPECT_GT(kodak->gps->longitude, 0);
  const auto apple = reader_->read(exif_file("exiftool_Apple.jpg"));
  ASSERT_TRUE(apple && apple->gps);
  EXPECT_GT(apple->gps->latitude, 0);
  EXPECT_LT(apple->gps->longitude, 0);  // W
}

TEST_F(Exiv2MetadataReaderTest, ReadsOffsetTimeAndSoftwareSources) {
  const auto google = reader_->read(exif_file("exiftool_Google.jpg"));
  ASSERT_TRUE(google);
  EXPECT_EQ(google->offset_time_original, "+02:00");
  EXPECT_EQ(google->software, "HDR+ 1.0.570503588zd");
  // Software and XMP CreatorTool are both kept, each once.
  const auto nikon = reader_->read(exif_file("Nikon_D70.jpg"));
  ASSERT_TRUE(nikon);
  EXPECT_EQ(nikon->software, "GIMP 2.4.5; Adobe Photoshop CS2 Windows");
}

TEST_F(Exiv2MetadataReaderTest, XmpDateCarriesItsZone) {
  const auto meta = reader_->read(exif_file("30-type_error.jpg"));
  ASSERT_TRUE(meta);
  ASSERT_TRUE(meta->date_time_original);
  EXPECT_EQ(meta->date_time_original->iso(), "2013-07-05 03:18:27");
  EXPECT_EQ(meta->offset_time_original, "+00:00");
}

TEST_F(Exiv2MetadataReaderTest, FileWithoutExifIsNotAnError) {
  const auto meta = reader_->read(exif_file("exiv2-empty.jpg"));
  ASSERT_TRUE(meta) << meta.error().message;
  EXPECT_FALSE(meta->has_exif);
  EXPECT_FALSE(meta->date_time_original);
  EXPECT_EQ(meta->orientation, 1);
  EXPECT_TRUE(meta->thumbnail.empty());
  EXPECT_EQ(meta->pixel_width, 150);
}

TEST_F(Exiv2MetadataReaderTest, ReadsCommittedFixtures) {
  const std::string dir = source_dir() + "/tests/data/photos/";
  const auto edited = reader_->read(dir + "edited_photoshop.jpg");
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->software, "Adobe Photoshop 24.1 (Windows)");
  ASSERT_TRUE(edited->date_time_original);
  EXPECT_EQ(edited->date_time_original->iso(), "2025-03-18 09:30:15");
  EXPECT_EQ(edited->offset_time_original, "+08:00");

  const auto zero = reader_->read(dir + "zero_date.jpg");
  ASSERT_TRUE(zero) << zero.error().message;
  EXPECT_TRUE(zero->has_exif);
  EXPECT_FALSE(zero->date_time_original);
  EXPECT_TRUE(zero->warnings.empty());  // a zeroed clock is not worth a warning
  EXPECT_EQ(zero->make, "Xiaomi");
}

// Where editors sign besides Software (fixtures by make_editor_marks.py).
TEST_F(Exiv2MetadataReaderTest, ReadsFreeTextAndXmpSchemas) {
  const std::string dir = source_dir() + "/tests/data/photos/";
  const auto note = [](const PhotoMetadata& m, const std::string& tag) {
    for (const auto& n : m.notes) {
      if (n.tag == tag) return n.text;
    }
    return std::string("(none)");
  };
  const auto artist = reader_->read(dir + "edited_meitu_artist.jpg");
  ASSERT_TRUE(artist) << artist.error().message;
  EXPECT_EQ(note(*artist, "Artist"), "美图秀秀");
  EXPECT_EQ(artist->software, "V12.5.1.0.RFACNXM");

  const auto comment = reader_->read(dir + "edited_meitu_usercomment.jpg");
  ASSERT_TRUE(comment);
  EXPECT_EQ(note(*comment, "UserComment"), "美图秀秀");  // UNICODE charset decoded

  const auto xp = reader_->read(dir + "edited_xpcomment.jpg");
  ASSERT_TRUE(xp);
  EXPECT_EQ(note(*xp, "XPComment"), "醒图");  // UCS-2
  EXPECT_EQ(note(*xp, "ImageDescription"), "风景");

  const auto history = reader_->read(dir + "edited_xmp_history.jpg");
  ASSERT_TRUE(history);
  EXPECT_EQ(history->software, "ELE-AL00 10.1.0.150; Adobe Photoshop 24.1 (Windows)");
  EXPECT_NE(std::find(history->xmp_properties.begin(), history->xmp_properties.end(), "xmpMM:History"),
            history->xmp_properties.end());

  const auto meitu = reader_->read(dir + "edited_xmp_meitu_ns.jpg");
  ASSERT_TRUE(meitu);
  EXPECT_EQ(meitu->xmp_properties, std::vector<std::string>{"mtxx:Filter"});
  EXPECT_EQ(meitu->xmp_namespaces, std::vector<std::string>{"http://ns.meitu.com/mtxx/1.0/"});

  const auto iphone = reader_->read(dir + "camera_iphone_xmp.jpg");
  ASSERT_TRUE(iphone);
  EXPECT_EQ(iphone->software, "16.1");
  EXPECT_NE(std::find(iphone->xmp_properties.begin(), iphone->xmp_properties.end(), "photoshop:DateCreated"),
            iphone->xmp_properties.end());

  const auto camera = reader_->read(dir + "camera_notes.jpg");
  ASSERT_TRUE(camera);
  EXPECT_EQ(note(*camera, "Artist"), "王美图");
  EXPECT_EQ(note(*camera, "ImageDescription"), "OLYMPUS DIGITAL CAMERA");
  EXPECT_EQ(note(*camera, "UserComment"), "charset test");
}

TEST_F(Exiv2MetadataReaderTest, ReadsHeicThroughBmff) {
  const auto apple = reader_->read(heic_file("IMG_5195.HEIC"));
  ASSERT_TRUE(apple) << apple.error().message;
  EXPECT_TRUE(apple->has_exif);
  ASSERT_TRUE(apple->date_time_original);
  EXPECT_EQ(apple->date_time_original->iso(), "2021-04-11 15:47:53");
  EXPECT_EQ(apple->make, "Apple");
  EXPECT_EQ(apple->model, "iPhone 11 Pro Max");
  ASSERT_TRUE(apple->gps);  // 39°3'4.84"N 94°17'19.58"W
  EXPECT_NEAR(apple->gps->latitude, 39 + 3 / 60.0 + 4.84 / 3600, 1e-5);
  EXPECT_NEAR(apple->gps->longitude, -(94 + 17 / 60.0 + 19.58 / 3600), 1e-5);

  const auto nokia = reader_->read(heic_file("HMD_Nokia_8.3_5G_hdr.heif"));
  ASSERT_TRUE(nokia) << nokia.error().message;
  EXPECT_FALSE(nokia->date_time_original);
  ASSERT_TRUE(nokia->gps);  // 40°39'46.78"N 3°45'49.47"W
  EXPECT_NEAR(nokia->gps->latitude, 40 + 39 / 60.0 + 46.78 / 3600, 1e-5);
  EXPECT_NEAR(nokia->gps->longitude, -(3 + 45 / 60.0 + 49.47 / 3600), 1e-5);
}

TEST_F(Exiv2MetadataReaderTest, NeverThrowsOnAnyCorpusFile) {
  int unreadable = 0;
  for (const char* folder : {"/exif", "/heic"}) {
    for (const auto& entry : fs::directory_iterator(corpus_dir() + folder)) {
      SCOPED_TRACE(entry.path().string());
      const auto meta = reader_->read(entry.path().string());
      if (!meta) {
        ++unreadable;
        EXPECT_EQ(meta.error().code, "META_UNREADABLE");
        EXPECT_NE(meta.error().message.find("无法读取"), std::string::npos);
      }
    }
  }
  // exiv2-bug1247.jpg and the two libheif fuzz files.
  EXPECT_EQ(unreadable, 3);
}

TEST_F(Exiv2MetadataReaderTest, BrokenInputsBecomeMetaUnreadable) {
  TempDir dir;
  std::mt19937 rng(42);
  std::string noise(4096, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  const auto random = reader_->read(dir.write("noise.jpg", noise).string());
  ASSERT_FALSE(random);
  EXPECT_EQ(random.error().code, "META_UNREADABLE");

  const auto missing = reader_->read(dir.str() + "/missing.jpg");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "META_UNREADABLE");

  // A JPEG cut inside its EXIF block: either unreadable or read without the cut tags.
  const std::string jpeg = slurp(exif_file("DSCN0010.jpg"));
  const auto cut = reader_->read(dir.write("cut.jpg", jpeg.substr(0, 600)).string());
  if (cut) {
    EXPECT_FALSE(cut->gps);
  } else {
    EXPECT_EQ(cut.error().code, "META_UNREADABLE");
  }
}

// What one read gave, in a comparable form.
std::string summary(const Expected<PhotoMetadata>& meta) {
  if (!meta) return meta.error().code;
  std::ostringstream out;
  out << (meta->date_time_original ? meta->date_time_original->iso() : "-") << '|' << meta->make << '|' << meta->model
      << '|' << meta->software << '|' << meta->orientation << '|'
      << (meta->gps ? std::to_string(meta->gps->latitude) : "-") << '|' << meta->thumbnail.size();
  return out.str();
}

// Worker threads each own a reader (one Toolbox per thread); XMP parsing inside
// exiv2 shares global state, which init_metadata_library() guards.
TEST_F(Exiv2MetadataReaderTest, ParallelReadersAgreeWithSerialReads) {
  std::vector<std::string> paths;
  for (const char* folder : {"/exif", "/heic"}) {
    for (const auto& entry : fs::directory_iterator(corpus_dir() + folder)) paths.push_back(entry.path().string());
  }
  std::vector<std::string> serial;
  for (const auto& p : paths) serial.push_back(summary(reader_->read(p)));

  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> parallel(kThreads, std::vector<std::string>(paths.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const auto reader = make_exiv2_metadata_reader();
      for (int round = 0; round < 3; ++round) {
        for (std::size_t k = 0; k < paths.size(); ++k) {
          const std::size_t i = (k + t * 7) % paths.size();  // each thread in another order
          parallel[t][i] = summary(reader->read(paths[i]));
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(parallel[t], serial) << "thread " << t;
}

TEST_F(Exiv2MetadataReaderTest, ReadsChinesePaths) {
  TempDir dir;
  const auto path = dir.write("会议照片/2025年3月18日 领导小组会议.jpg", slurp(exif_file("DSCN0010.jpg")));
  const auto meta = reader_->read(path.string());
  ASSERT_TRUE(meta) << meta.error().message;
  ASSERT_TRUE(meta->date_time_original);
  EXPECT_EQ(meta->date_time_original->iso(), "2008-10-22 16:28:39");
}

}  // namespace
}  // namespace evpack
