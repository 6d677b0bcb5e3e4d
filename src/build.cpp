#include "build.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>

#include "render/checklist.h"
#include "render/edition_view.h"
#include "render/shinkyu_view.h"
#include "content/content_library.h"
#include "content/content_lint.h"
#include "content/parse_cache.h"
#include "render/example.h"
#include "render/generated_page.h"
#include "render/nav_view.h"
#include "render/glossary_view.h"
#include "render/guide_view.h"
#include "base/disk.h"
#include "base/html.h"
#include "base/memory.h"
#include "base/parallel.h"
#include "render/package_view.h"
#include "render/page_view.h"
#include "render/requirements_pages.h"
#include "render/short_links.h"
#include "requirements/requirement_export.h"
#include "requirements/requirement_registry.h"
#include "search/lunr_script.h"
#include "search/search_data.h"
#include "output/site_writer.h"
#include "output/write_queue.h"
#include "output/url_history.h"
#include "render/theme.h"
#include "render/view_data.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// One output file, rendered and waiting to be written.
struct Output {
  std::string path;
  std::string content;
  std::string source;  ///< the file it comes from (content/site.yaml for the pages kijun generates)
  std::string what = {};  ///< for a generated file: what it is, in Japanese ("検索のページ"); "" for a content page
};

// One content page rendered, with what the later phases take from it.
struct RenderedPage {
  Diagnostics diags;
  std::vector<Output> outputs;  // the page, and a checklist's CSV
  int term_links = 0;
  std::string text;                    // the page's plain text, for the pages search reads whole
  std::optional<Checklist> checklist;  // as built for the page, for the application package
};

// A page's render, done once per build by whichever thread asks first.
struct PageSlot {
  std::once_flag once;
  RenderedPage page;
};

}  // namespace

struct SiteBuild::State {
  BuildOptions opt;
  ParseCache* cache = nullptr;
  BuildResult result;
  Clock::time_point start;
  std::optional<Theme> theme;
  std::optional<ContentLibrary> lib;
  std::optional<RequirementRegistry> registry;
  std::optional<EditionSite> editions;
  std::optional<GlossaryModel> glossary;
  std::optional<SiteModel> site;
  std::unique_ptr<PageSlot[]> slots;        // one a page, by page index
  std::map<std::string, int> page_of_file;  // a page's URL, and its checklist CSV's -> page index
  bool ready = false;                       // set once by prepare()
  // render_file() holds it shared; finish() (at its end) and give_back() exclusive, to close the build.
  std::shared_mutex open;
  bool closed = false;
  std::atomic<bool> cancelled{false};
  // The whole navigation tree (for nav.js and the 目次 page), rendered once per build by whichever
  // asks first, render_file() or finish(); finish() reports its messages.
  std::once_flag nav_once;
  std::optional<std::string> nav_tree_html;
  Diagnostics nav_diags;
  // The content pages' navigation layers, one for each thread rendering at the moment: taken by
  // render_page() and given back after the page, so that a thread's next page, most often a
  // sibling, shares it (see NavLayer).
  std::mutex nav_lock;
  std::vector<std::unique_ptr<NavLayer>> nav_layers;

  const RenderedPage& render_page(int pi);
  const std::optional<std::string>& nav_tree();
};

const std::optional<std::string>& SiteBuild::State::nav_tree() {
  std::call_once(nav_once, [&] {
    const std::string source = opt.content_dir + "/" + kSiteConfigFile;
    nav_tree_html = theme->render_partial("nav_tree", nav_tree_view(*site), source, nav_diags);
  });
  return nav_tree_html;
}

const RenderedPage& SiteBuild::State::render_page(int pi) {
  PageSlot& slot = slots[pi];
  std::call_once(slot.once, [&] {
    const SiteModel& m = *site;
    Page& page = lib->pages[pi];
    RenderedPage& r = slot.page;
    Diagnostics& d = r.diags;
    // The first use of each glossary term on a page of the standard links to its entry.
    if (links_terms(*lib, pi)) r.term_links = link_glossary_terms(m, page);
    std::string body = page.doc->render(render_hooks(m, pi, d));
    // Without a cache the tree is done with; what the other phases read stays.
    if (!cache) page.doc->release();
    if (searches_whole_text(*lib, pi)) r.text = strip_tags(body);
    std::string layout = layout_for(*lib, pi);
    auto view = content_page_view(m, pi, body);
    view.set("layout", layout);
    if (layout == "checklist") {
      Checklist checklist = build_checklist(m, pi, d);
      put(view, "checklist", checklist_view(m, pi, checklist));
      r.outputs.push_back({checklist_csv_url(page.url), checklist_csv(m, checklist), page.source_path});
      r.checklist = std::move(checklist);
    }
    if (layout == "example") put(view, "example", example_view(m, pi));
    if (layout == "guide") put(view, "guide", guide_view(m, pi, d));
    if (layout == "glossary") put(view, "glossary", glossary_view(m, pi, d));
    if (layout == "home") put(view, "history", history_view(*editions, page.url));
    std::unique_ptr<NavLayer> nav;
    {
      std::lock_guard<std::mutex> hold(nav_lock);
      if (!nav_layers.empty()) {
        nav = std::move(nav_layers.back());
        nav_layers.pop_back();
      }
    }
    if (!nav) nav = std::make_unique<NavLayer>(m);
    if (auto html = theme->render(layout, view, page.source_path, d, std::nullopt, &nav->for_page(pi)))
      r.outputs.push_back({page.url, std::move(*html), page.source_path});
    std::lock_guard<std::mutex> hold(nav_lock);
    nav_layers.push_back(std::move(nav));
  });
  return slot.page;
}

SiteBuild::SiteBuild() : s_(std::make_unique<State>()) {}
SiteBuild::~SiteBuild() = default;

bool SiteBuild::ready() const { return s_->ready; }

const Diagnostics& SiteBuild::diagnostics() const { return s_->result.diagnostics; }
const BuildStats& SiteBuild::stats() const { return s_->result.stats; }

std::optional<std::string> SiteBuild::render_file(const std::string& path) {
  State& st = *s_;
  std::shared_lock lock(st.open);
  // Without a cache finish() moves what it rendered away: pages on request need one.
  if (!st.ready || st.closed || !st.cache) return std::nullopt;
  if (auto it = st.page_of_file.find(path); it != st.page_of_file.end()) {
    for (const Output& o : st.render_page(it->second).outputs)
      if (o.path == path) return o.content;
    return std::nullopt;
  }
  if (path == "assets/js/nav.js" && st.theme->has_partial("nav_tree")) {
    if (const auto& tree = st.nav_tree()) return nav_script(*tree);
    return std::nullopt;
  }
  try {
    if (path == "assets/js/lunr.js") return read_bytes(fs::path(st.opt.project_root) / st.opt.lunr_js);
    for (const auto& [rel, disk] : st.theme->static_files())
      if (path == "assets/" + rel) return read_bytes(disk);
  } catch (const std::exception&) {
    // Unreadable now: finish() copies it and reports why.
  }
  return std::nullopt;
}

void SiteBuild::cancel() { s_->cancelled = true; }

void SiteBuild::give_back(ParseCache& cache) {
  std::unique_lock lock(s_->open);
  s_->closed = true;
  if (s_->lib) cache.give_back(*s_->lib, s_->opt.content_dir);
}

BuildResult build_site(const BuildOptions& opt) { return SiteBuild::prepare(opt)->finish(); }

std::unique_ptr<SiteBuild> SiteBuild::prepare(const BuildOptions& opt, ParseCache* cache) {
  std::unique_ptr<SiteBuild> build(new SiteBuild());
  State& st = *build->s_;
  st.opt = opt;
  st.cache = cache;
  st.start = Clock::now();
  Diagnostics& diags = st.result.diagnostics;
  BuildStats& stats = st.result.stats;

  // Phase 1: load. Every page is read and parsed before anything is rendered. content/, the theme
  // and the edition records do not depend on each other: the latter two load on their own thread.
  auto t = Clock::now();
  Diagnostics side_diags;
  std::optional<Theme>& theme = st.theme;
  std::vector<EditionRecord> records;
  std::thread side([&] {
    theme = Theme::load(opt.project_root, opt.theme_dir, side_diags);
    records = load_editions(opt.project_root, opt.editions_dir, side_diags);
  });
  std::optional<ContentLibrary>& lib = st.lib;
  lib = ContentLibrary::load(opt.project_root, opt.content_dir, diags, cache);
  auto lint_start = Clock::now();
  // The NUL check need not read again the pages the load has just read.
  std::function<bool(const std::string&)> read_without_nul;
  if (lib) read_without_nul = [&lib](const std::string& rel) { return lib->read_without_nul.count(rel) > 0; };
  lint_content_files(opt.project_root, opt.content_dir, diags, read_without_nul);
  stats.lint_ms = ms_since(lint_start);
  side.join();
  diags.merge(std::move(side_diags));
  fs::path lunr = fs::path(opt.project_root) / opt.lunr_js;
  check_lunr_script(lunr, opt.lunr_js, diags);
  const fs::path root(opt.project_root), out = root / opt.out_dir;
  // The output folder is replaced whole: never one that holds sources or someone else's files.
  if (opt.write)
    may_replace_output(out, opt.out_dir, root,
                       {root / opt.content_dir, root / opt.theme_dir, root / opt.editions_dir}, diags);
  stats.load_ms = ms_since(t);
  if (!lib || !theme) return build;

  // Phase 2: resolve requirement IDs and references across all pages.
  t = Clock::now();
  const RequirementRegistry& registry = st.registry.emplace(RequirementRegistry::build(*lib, diags));
  const EditionSite& editions = st.editions.emplace(plan_editions(*lib, registry, std::move(records)));
  lint_start = Clock::now();
  lint_pages(*lib, registry, editions.records, diags);
  stats.lint_ms += ms_since(lint_start);
  // What only load and resolve needed goes now, before the pages are rendered: the bodies as
  // written (for the lint pass) and the working text as an edition (for the comparisons).
  for (Page& page : lib->pages) page.body = std::string();
  st.editions->working = EditionRecord{};
  check_removed_pages(out, opt.out_dir, *lib, diags);
  const std::optional<GlossaryModel>& glossary = st.glossary = plan_glossary(*lib, registry, diags);
  if (glossary) {
    stats.glossary_entries = glossary->glossary->entries.size();
    stats.glossary_provision_links = glossary->provision_links();
  }
  stats.resolve_ms = ms_since(t);
  stats.pages = lib->pages.size();
  stats.provisions = registry.all().size();
  for (const auto& p : registry.all()) stats.references += p.referenced_from.size();

  st.site.emplace(SiteModel{*lib, registry, &editions, glossary ? &*glossary : nullptr});
  st.ready = !diags.has_errors() && !(opt.strict && diags.warning_count() > 0);
  st.slots = std::make_unique<PageSlot[]>(lib->pages.size());
  for (int pi = 0; pi < static_cast<int>(lib->pages.size()); ++pi) {
    const Page& page = lib->pages[pi];
    st.page_of_file.emplace(page.url, pi);
    if (layout_for(*lib, pi) == "checklist") st.page_of_file.emplace(checklist_csv_url(page.url), pi);
  }
  return build;
}

namespace {
// Less free memory than this stays with the allocator (see release_free_memory).
constexpr std::size_t kReleaseAbove = 64u << 20;
// What may wait in the write queue: a build that renders faster than the disk takes its files
// holds at most this much of them (at 10,000 pages 16 MB builds as fast as 32 MB did, and peaks
// some 15 MB lower: the queue fills most while the index is at its largest).
constexpr std::size_t kWriteQueueBytes = 16u << 20;
// From how many pages the files are written on a thread of their own: below, the thread costs more
// than it overlaps (the standard's 35 pages built in 4-5 ms more, of some 25). The preview's
// files stay in memory, which takes no thread at any size.
constexpr std::size_t kWriteThreadPages = 1000;
// Two: creating a file is mostly the kernel's CPU (on ext4 without a journal, after many files were
// deleted, a great deal of it), which two threads spread over both cores of a small machine.
constexpr std::size_t kWriteThreads = 2;
}  // namespace

BuildResult SiteBuild::finish() {
  State& st = *s_;
  BuildResult& result = st.result;
  Diagnostics& diags = result.diagnostics;
  BuildStats& stats = result.stats;
  const BuildOptions& opt = st.opt;
  const auto start = st.start;
  if (!st.site) return std::move(result);
  std::optional<ContentLibrary>& lib = st.lib;
  std::optional<Theme>& theme = st.theme;
  const RequirementRegistry& registry = *st.registry;
  const EditionSite& editions = *st.editions;
  const SiteModel& site = *st.site;
  const fs::path root(opt.project_root), out = root / opt.out_dir;
  const fs::path lunr = root / opt.lunr_js;
  // With a cache the build stays open for render_file(): what it rendered is copied, not moved.
  const bool keep = st.cache != nullptr;

  // Phase 3: render every page, then the generated pages and exports. What is rendered goes into
  // the staging folder as each part is done (nothing is visible before the swap), so that memory
  // holds one part of the site at a time, not all of it; after an error nothing is staged at all.
  auto t = Clock::now();
  std::vector<Output> outputs;
  std::optional<SiteWriter> writer;
  if (!diags.has_errors()) writer.emplace(out, opt.out_dir, opt.write);
  // From kWriteThreadPages pages the files go to the disk on threads of their own while the build
  // goes on (the writer is the queue's until finish()).
  std::optional<WriteQueue> queue;
  if (writer) queue.emplace(*writer, kWriteQueueBytes, opt.write && lib->pages.size() >= kWriteThreadPages ? kWriteThreads : 0);
  double write_ms = 0;
  std::set<std::string> staged;  // every output path so far, staged or not, for checks that need them
  std::map<std::string, std::string> generated_files;  // of those, the files kijun generates -> what they are
  auto stage = [&] {
    const auto w = Clock::now();
    std::vector<Output*> out;
    for (Output& o : outputs) {
      if (!o.what.empty()) {
        generated_files.emplace(o.path, o.what);
        // A generated file at the URL of a page already staged is reported below (KJ305), not written.
        if (staged.count(o.path)) continue;
      }
      staged.insert(o.path);
      out.push_back(&o);
    }
    if (queue && !diags.has_errors())
      for (Output* o : out) queue->post(o->path, std::move(o->content), o->source);
    outputs.clear();
    write_ms += ms_since(w);
  };
  const std::string generated = opt.content_dir + "/" + kSiteConfigFile;
  const std::vector<int>& order = lib->reading_order;
  // Phase 4 (search) needs of the pages only the text of those searched whole (the home page,
  // checklists, examples: a few; the standard's pages are searched through their provisions).
  // Those render first; then the index is built on its own thread while the other pages and the
  // generated ones render, and it posts its files to the write queue as they are done (past
  // search.shard_above documents the search data comes in shards). The preview starts it after
  // the pages instead: a newer edit cancels a build between pages, and the index cannot stop.
  std::vector<std::string> page_text(lib->pages.size());
  std::vector<int> whole_text;
  for (int pi : order)
    if (searches_whole_text(*lib, pi)) whole_text.push_back(pi);
  parallel_for(whole_text.size(), [&](std::size_t i) {
    if (!st.cancelled) st.render_page(whole_text[i]);
  });
  for (int pi : whole_text) page_text[pi] = st.slots[pi].page.text;
  check_search_settings(*lib, registry, diags);
  std::optional<SearchBundle> search;
  // Declared after everything the thread uses, so that it is joined before any of it goes away.
  std::jthread search_thread;
  auto start_search = [&] {
    if (diags.has_errors() || st.cancelled) return;
    search_thread = std::jthread([&] {
      const auto ts = Clock::now();
      search = build_search_bundle(*lib, registry, std::move(page_text), site.glossary, [&](SearchFile&& f) {
        const auto w = Clock::now();
        if (queue) queue->post(std::move(f.path), std::move(f.content), generated);
        stats.search_write_ms += ms_since(w);
      });
      stats.search_ms = ms_since(ts) - stats.search_write_ms;
    });
  };
  if (!keep) start_search();
  {
    // Pages are independent once requirements are resolved: render them on every core (each with
    // its own diagnostics and outputs; those asked for by render_file() already are). They are
    // gathered in reading order as soon as all before them are done, so that the messages and the
    // site are the same whatever the threads did, and their files go to the write queue at once
    // (at 10,000 pages they are some 170 MB, which need not wait in memory beside the index).
    std::mutex gather_lock;
    std::vector<char> rendered(order.size(), 0);
    std::size_t gathered = 0;
    parallel_for(order.size(), [&](std::size_t i) {
      if (!st.cancelled) st.render_page(order[i]);
      std::lock_guard<std::mutex> hold(gather_lock);
      rendered[i] = 1;
      for (; gathered < order.size() && rendered[gathered]; ++gathered) {
        RenderedPage& r = st.slots[order[gathered]].page;
        stats.term_links += r.term_links;
        for (const Diagnostic& d : r.diags.items()) diags.add(d);
        for (Output& o : r.outputs) outputs.push_back(keep ? o : std::move(o));
        if (!keep) {
          r.outputs.clear();
          r.text.clear();
        }
        stage();
      }
    });
    if (st.cancelled) {
      result.cancelled = true;
      return std::move(result);
    }
  }
  if (keep) start_search();
  // The pages' trees are freed by now (their HTML is the write queue's). Given back to the system,
  // they do not add to the peak of what comes next (at 10,000 pages about 60 MB; with glibc's
  // malloc, which keeps what a thread frees in its own arena, about 100 MB). A small site keeps
  // them: it would pay page faults.
  release_free_memory(kReleaseAbove);
  // The whole navigation tree, once: in nav.js for every page's script, and on the 目次 page.
  if (theme->has_partial("nav_tree")) {
    const std::optional<std::string>& tree = st.nav_tree();
    for (const Diagnostic& d : st.nav_diags.items()) diags.add(d);
    if (tree) {
      outputs.push_back({"assets/js/nav.js", nav_script(*tree), generated, "目次のスクリプト"});
      if (theme->has_template("contents"))
        if (auto html = render_generated(*theme, "contents", contents_view(site, *tree), generated,
                                         {"目次のページ", kContentsUrl}, diags))
          outputs.push_back({kContentsUrl, std::move(*html), generated, "目次のページ"});
    }
  }
  // 要件一覧: one page, or past `requirements_split_above` provisions an overview and a page per chapter.
  if (!requirements_split(site)) {
    const NamedPage page{"要件一覧", kRequirementsUrl,
                         "site.yaml の「requirements_split_above」を要件の数より小さくすると、要件一覧は章ごとのページに分かれます",
                         "set 'requirements_split_above' in site.yaml below the number of provisions to split the list by chapter"};
    if (auto html = render_generated(*theme, "requirements", requirements_view(site, kRequirementsUrl), generated, page, diags))
      outputs.push_back({kRequirementsUrl, std::move(*html), generated, page.what});
  } else {
    const std::vector<RequirementsChapter> chapters = requirements_chapters(site);
    const NamedPage overview{"要件一覧", kRequirementsUrl};
    if (auto html = render_generated(*theme, "requirements_overview", requirements_overview_view(site, chapters),
                                     generated, overview, diags))
      outputs.push_back({kRequirementsUrl, std::move(*html), generated, overview.what});
    // The chapters' pages are independent: on every core, a few at a time (at 10,000 pages they
    // are some 150 MB of HTML), staged in order.
    const std::size_t block = worker_count();
    std::vector<std::optional<std::string>> html(block);
    std::vector<Diagnostics> found(block);
    for (std::size_t first = 0; first < chapters.size(); first += block) {
      const std::size_t count = std::min(block, chapters.size() - first);
      auto page_of = [&](std::size_t i) {
        return NamedPage{"要件一覧 " + lib->pages[chapters[i].page].display_title(), chapters[i].url,
                         "この章の要件が多すぎます。章をいくつかに分けてください",
                         "the chapter has too many provisions: split it into several chapters"};
      };
      parallel_for(count, [&](std::size_t k) {
        html[k] = render_generated(*theme, "requirements_chapter", requirements_chapter_view(site, chapters, first + k),
                                   generated, page_of(first + k), found[k]);
      });
      for (std::size_t k = 0; k < count; ++k) {
        diags.merge(std::move(found[k]));
        if (html[k]) outputs.push_back({chapters[first + k].url, std::move(*html[k]), generated, page_of(first + k).what});
        html[k].reset();
      }
      stage();
    }
  }
  stage();  // the generated parts go out as they are made: at 10,000 pages they weigh some 150 MB
  if (theme->has_template("package")) {
    std::vector<PackageChecklist> in_package;
    for (int pi : lib->reading_order)
      if (const auto& checklist = st.slots[pi].page.checklist) in_package.push_back({pi, &*checklist});
    if (auto html = render_generated(*theme, "package", package_view(site, in_package, diags), generated,
                                     {"申請パッケージのページ", kPackageUrl}, diags))
      outputs.push_back({kPackageUrl, std::move(*html), generated, "申請パッケージのページ"});
  }
  if (auto html = render_generated(*theme, "search", search_view(site, "search.html"), generated,
                                   {"検索のページ", "search.html"}, diags))
    outputs.push_back({"search.html", std::move(*html), generated, "検索のページ"});
  // Short links: a page per provision, or past `short_link_resolver_above` one resolver page and its data.
  if (!short_link_resolver(site)) {
    for (const auto& p : registry.all()) {
      std::string url = short_link_url(site, p.id);
      if (auto html = theme->render("redirect", short_link_view(site, p, url), generated, diags))
        outputs.push_back({url, std::move(*html), p.where.path});
    }
  } else {
    const NamedPage resolver{"短いリンクのページ", kShortLinkResolverUrl};
    if (auto html = render_generated(*theme, "short_links", short_link_resolver_view(site), generated, resolver, diags))
      outputs.push_back({kShortLinkResolverUrl, std::move(*html), generated, resolver.what});
    outputs.push_back({kShortLinkScriptUrl, short_links_script(site), generated, "短いリンクのスクリプト"});
  }
  for (auto& g : example_pages(site, diags)) {
    g.view.set("layout", g.layout);
    if (auto html = theme->render(g.layout, g.view, g.source, diags))
      outputs.push_back({g.url, std::move(*html), g.source});
  }
  // Editions: each comparison (page and CSV), the text of earlier editions, and every record as JSON.
  for (const auto& c : editions.comparisons) {
    auto view = shinkyu_view(site, c, lib->config.shinkyu_new_first);
    view.set("layout", "shinkyu");
    if (auto html = render_generated(*theme, "shinkyu", view, generated, {"新旧対照表", c.url}, diags))
      outputs.push_back({c.url, std::move(*html), generated, "新旧対照表"});
    outputs.push_back({c.csv_url, shinkyu_csv(c.diff), generated, "新旧対照表"});
    outputs.push_back({c.print_css_url, shinkyu_print_css(lib->config.title, c), generated, "新旧対照表の印刷用スタイル"});
  }
  for (std::size_t i : editions.archived) {
    const EditionRecord& r = editions.records[i];
    for (auto& a : archived_pages(site, r))
      if (auto html = theme->render("edition", a.view, r.file, diags)) outputs.push_back({a.url, std::move(*html), r.file});
  }
  for (const auto& r : editions.records)
    outputs.push_back({"editions/" + r.slug() + ".json", edition_record_json(r), r.file});
  // Each export goes to the write queue before the next is made: at 10,000 pages they are 37 and
  // 27 MB, each held twice while it is joined.
  outputs.push_back({"requirements.json", requirements_json(*lib, registry), generated, "要件の一覧ファイル"});
  stage();
  outputs.push_back({"requirements.csv", requirements_csv(*lib, registry), generated, "要件の一覧ファイル"});
  stage();
  // Earlier URLs of pages forward to them; the list of URLs is the next build's memory.
  {
    std::set<std::string> written = staged;
    written.insert({kSiteMarker, kPageListFile, "search-index.json", "assets/js/search-data.js", "assets/js/lunr.js"});
    for (const auto& o : outputs) written.insert(o.path);
    for (const auto& [rel, disk] : theme->static_files()) written.insert("assets/" + rel);
    for (const Alias& a : check_aliases(*lib, written, diags)) {
      const Page& page = lib->pages[a.page];
      if (auto html = theme->render("alias", alias_view(site, a.page, a.url), page.source_path, diags))
        outputs.push_back({a.url, std::move(*html), page.source_path});
    }
    outputs.push_back({kPageListFile, page_list(*lib), generated, "ページの一覧"});
  }
  stage();
  // A page whose URL is the name of a file kijun generates (`slug: search`): at its slug.
  {
    generated_files.emplace("search-index.json", "検索の索引");
    generated_files.emplace("assets/js/search-data.js", "検索の索引");
    for (const Page& page : lib->pages)
      if (auto g = generated_files.find(page.url); g != generated_files.end())
        diags.error(page.meta.slug.empty() ? SourceLocation{page.source_path, 1, 1} : page.meta.slug_location,
                    Message{"KJ305",
                            "ページの URL「" + page.url + "」は kijun が作る「" + g->second + "」（" + generated +
                                " の設定から作ります）と同じです。ファイル名を変えるか「slug」を設定してください",
                            "page URL '" + page.url + "' is a file that kijun generates (from " + generated +
                                "): rename the page or set its 'slug'"});
  }
  stats.render_ms = ms_since(t) - write_ms;

  release_free_memory(kReleaseAbove);  // the generated pages' memory, likewise, while the search thread goes on
  if (search_thread.joinable()) search_thread.join();
  if (search) {
    if (!search->sharded)
      outputs.push_back({"search-index.json", std::move(search->index_json), generated, "検索の索引"});
    outputs.push_back({"assets/js/search-data.js", std::move(search->data_js), generated, "検索の索引"});
    stats.search_shards = search->term_shards + search->doc_shards;
    stage();
  }

  if (queue) {
    const auto w = Clock::now();
    diags.merge(queue->finish());  // every file staged: what the writes reported counts below
    stats.writer_ms = queue->busy_ms();
    queue.reset();
    write_ms += ms_since(w);
  }
  if (st.cancelled) {
    result.cancelled = true;
    return std::move(result);
  }
  if (diags.has_errors() || (opt.strict && diags.warning_count() > 0)) {
    stats.total_ms = ms_since(start);
    return std::move(result);
  }

  // Phase 5: the static files and lunr.js join the staged site, which is swapped in.
  t = Clock::now();
  writer->write(kSiteMarker, "This folder is generated by kijun and replaced by every build.\n", "kijun", diags);
  for (const auto& [rel, disk] : theme->static_files())
    writer->copy("assets/" + rel, disk, opt.theme_dir + "/static/" + rel, diags);
  writer->copy("assets/js/lunr.js", lunr, opt.lunr_js, diags);
  if (!diags.has_errors() && writer->commit(diags)) result.written = true;
  stats.files = writer->files_written();
  stats.bytes = writer->bytes_written();
  if (result.written && !opt.write) result.files = writer->take_files();
  writer.reset();
  stats.write_ms = write_ms + ms_since(t);
  stats.total_ms = ms_since(start);
  if (keep) {
    // The whole site is out: what was kept for render_file() is not needed any more.
    std::unique_lock lock(st.open);
    st.closed = true;
    for (std::size_t pi = 0; pi < lib->pages.size(); ++pi) st.slots[pi].page = RenderedPage{};
  }
  return std::move(result);
}

BuildResult check_site(const BuildOptions& options) {
  BuildOptions opt = options;
  opt.write = false;
  BuildResult result = build_site(opt);
  result.files.clear();
  return result;
}

std::optional<EditionSite> load_edition_site(const BuildOptions& opt, Diagnostics& diags) {
  auto lib = ContentLibrary::load(opt.project_root, opt.content_dir, diags);
  auto records = load_editions(opt.project_root, opt.editions_dir, diags);
  if (!lib || diags.has_errors()) return std::nullopt;
  RequirementRegistry registry = RequirementRegistry::build(*lib, diags);
  if (diags.has_errors()) return std::nullopt;
  return plan_editions(*lib, registry, std::move(records), true);
}

}  // namespace kijun
