#include "search/lunr_script.h"

#include <fstream>

namespace kijun {

namespace fs = std::filesystem;

bool check_lunr_script(const fs::path& file, const std::string& shown_path, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    diags.error({shown_path, 1, 1}, "lunr.js not found (search needs it): run 'npm ci' in the project folder");
    return false;
  }
  // The banner and the version assignment both sit in the first few kilobytes of lunr.js.
  std::ifstream in(file, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const std::string version = kLunrVersion;
  bool banner = head.rfind("/**\n * lunr - http://lunrjs.com - ", 0) == 0 &&
                head.find(" - " + version + "\n", 0) < head.find("*/");
  bool assigned = head.find("lunr.version = \"" + version + "\"") != std::string::npos;
  if (!banner || !assigned) {
    diags.error({shown_path, 1, 1},
                Message{"KJ907", shown_path + " は lunr.js " + version + " ではありません(先頭の版表示で確かめています)。--lunr には npm の lunr " + version + " の lunr.js を指定してください",
                        shown_path + " is not lunr.js " + version + " (checked by its version banner): give --lunr the lunr.js of npm's lunr " + version});
    return false;
  }
  return true;
}

}  // namespace kijun
