"""MkDocs hook: the project's own CSS and JavaScript ship minified, as one stylesheet and one
script.

The files under overrides/assets/ explain themselves in comments (why a rule exists);
readers on a phone should not download those. Every .css and .js file of ours (not
Material's .min files) is minified by rcssmin / rjsmin: small, maintained tokenizing
minifiers that know strings, regular expressions and template literals. Measured on these
files (gzip -9): 18.6 KB as written, 10.3 KB minified.

One file each: the stylesheets listed in `extra_css` and the scripts listed in
`extra_javascript` that are ours are joined, in their listed order, into
`assets/stylesheets/overrides.HASH.min.css` and `assets/javascripts/overrides.HASH.min.js`
(HASH: the first 8 hex digits of the content's SHA-256, as Material names its own, so a
changed file gets a new name and no stale copy is used). Each separate file cost a
request, and a request costs its response headers and a round trip: on a first visit
that was 9 of our requests, about 13 KB. The sources stay readable and separate in
overrides/assets/; the built site holds only the bundles (and the files not listed,
which load on their own: search-stemmers.js comes with search, on first use).

- CSS: the bundle takes the place of the first listed file, so Material's stylesheets stay
  before it (after the build, unused_css.py joins them and it into the one stylesheet every
  page links). print.css is an all-media stylesheet with `@page` and `@media print` inside,
  so joining keeps its meaning. A file with @import or @charset (only valid first) is
  refused.
- JavaScript: the bundle is not left to `extra_javascript` (which Material puts after its
  own bundle): main.html loads it right before Material's bundle, because
  material-fixes.js must wrap Material's storage and requests before they run. The other
  scripts only need the page's markup, which is parsed by then (the script tags are at the
  end of <body>). A script listed with `type`, `async` or `defer` is left on its own.

`mkdocs serve` builds the same way: each rebuild (on a change under overrides/) makes the
bundles again, under their new names.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

OVERRIDES = Path(__file__).resolve().parents[1]
CSS_BUNDLE = "assets/stylesheets/overrides.{hash}.min.css"
JS_BUNDLE = "assets/javascripts/overrides.{hash}.min.js"

# Set by on_config, read by on_files, on_env and on_post_build (a build runs them in turn;
# mkdocs-static-i18n's builds of the other languages run them again with the same config).
_bundles: dict[str, tuple[str, str, list[str]]] = {}  # suffix -> (bundle path, content, source paths)
_planned_config: list[int] = []  # id() of the config the bundles were planned for


def minify(text: str, suffix: str) -> str:
    """The shipped form of one of our .css or .js files."""
    if suffix == ".css":
        return rcssmin.cssmin(text) + "\n"
    if suffix == ".js":
        return rjsmin.jsmin(text) + "\n"
    raise ValueError(f"lean_assets hook: no minifier for {suffix} files")


def own_assets(overrides: Path = OVERRIDES) -> list[Path]:
    """The .css and .js files this project writes (Material's .min files are not ours)."""
    return [source for source in sorted((overrides / "assets").rglob("*"))
            if source.suffix in (".css", ".js") and not source.name.endswith((".min.css", ".min.js"))]


def bundle(paths: list[str], suffix: str, overrides: Path = OVERRIDES) -> str:
    """The minified sources (site paths such as assets/stylesheets/site.css), joined in order."""
    parts = []
    for path in paths:
        text = (overrides / path).read_text(encoding="utf-8")
        lean = minify(text, suffix)
        if suffix == ".css" and lean.lstrip().lower().startswith(("@import", "@charset")):
            raise PluginError(f"lean_assets hook: overrides/{path} starts with @import or @charset, which only "
                              "work at the start of a stylesheet; it cannot be joined into the bundle")
        parts.append(lean.rstrip("\n"))
    # A script may end without a semicolon and the next start with "(": keep them apart.
    return (";\n" if suffix == ".js" else "\n").join(parts) + "\n"


def bundle_name(template: str, content: str) -> str:
    return template.format(hash=hashlib.sha256(content.encode("utf-8")).hexdigest()[:8])


def _is_own(path: str, overrides: Path) -> bool:
    return not path.startswith(("/", "http:", "https:")) and (overrides / path).is_file()


def _script_path(script) -> str:
    return str(getattr(script, "path", script))


def _is_plain_script(script) -> bool:
    return not any(getattr(script, attribute, None) for attribute in ("type", "async_", "defer"))


def plan(extra_css: list, extra_javascript: list, overrides: Path = OVERRIDES):
    """(new extra_css, new extra_javascript, bundles): our plain files replaced by a bundle each."""
    bundles = {}
    css = [path for path in map(str, extra_css) if _is_own(path, overrides)]
    new_css = list(extra_css)
    if css:
        content = bundle(css, ".css", overrides)
        name = bundle_name(CSS_BUNDLE, content)
        first = new_css.index(css[0])
        new_css = [path for path in new_css if str(path) not in css]
        new_css.insert(first, name)
        bundles[".css"] = (name, content, css)
    scripts = [script for script in extra_javascript
               if _is_own(_script_path(script), overrides) and _is_plain_script(script)]
    new_js = [script for script in extra_javascript if script not in scripts]
    if scripts:
        paths = [_script_path(script) for script in scripts]
        content = bundle(paths, ".js", overrides)
        bundles[".js"] = (bundle_name(JS_BUNDLE, content), content, paths)
    return new_css, new_js, bundles


def on_config(config):
    new_css, new_js, bundles = plan(config.extra_css, config.extra_javascript)
    if bundles or _planned_config != [id(config)]:
        # A freshly loaded config (a build, or a rebuild under `mkdocs serve`). The i18n
        # plugin's builds of the other languages reuse the planned config: nothing to do.
        _bundles.clear()
        _bundles.update(bundles)
        _planned_config[:] = [id(config)]
        config.extra_css = new_css
        config.extra_javascript = new_js
    return config


# After mkdocs-static-i18n sorts the files (-100): it cannot handle a file with no source path.
@event_priority(-110)
def on_files(files, config):
    """The bundles replace their sources where MkDocs would have copied them."""
    for path, content, sources in _bundles.values():
        found = [file for file in files if file.src_uri in sources]
        if not found:
            continue
        for file in found:
            files.remove(file)
        files.append(File.generated(config, path, content=content))
    return files


def on_env(env, config, files):
    # main.html: our script goes right before Material's bundle.
    env.globals["overrides_script"] = _bundles[".js"][0] if ".js" in _bundles else None
    return env


def lean_assets(site_dir: Path, overrides: Path = OVERRIDES) -> list[Path]:
    """Minify our files that were shipped on their own (not in a bundle)."""
    changed = []
    for source in own_assets(overrides):
        target = site_dir / source.relative_to(overrides)
        if not target.is_file():
            continue
        text = target.read_text(encoding="utf-8")
        lean = minify(text, source.suffix)
        if lean != text:
            target.write_text(lean, encoding="utf-8")
            changed.append(target)
    return changed


def on_post_build(config):
    lean_assets(Path(config.site_dir))
