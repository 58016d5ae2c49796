package org.gags.eval;

/** The inline style and scripts of the report pages, {@link HtmlReport} and {@link SweepReport} (no external resources). */
final class HtmlReportAssets {
  private HtmlReportAssets() {}

  /** The page up to its heading: doctype, title, {@link #ERROR_SCRIPT}, {@link #STYLE} and {@code extraHead}. */
  static void head(StringBuilder h, String title, String extraHead) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.esc(title)).append("</title>\n").append(ERROR_SCRIPT).append(STYLE).append(extraHead)
        .append("</head>\n<body data-ready=\"0\">\n<h1 id=\"title\">").append(Html.esc(title)).append("</h1>\n");
  }

  /** First in the head: every uncaught script error is appended to {@code html[data-errors]}. */
  static final String ERROR_SCRIPT = """
      <script>
      window.addEventListener('error', function (e) {
        var el = document.documentElement;
        var msg = e.message || String(e.error);
        el.dataset.errors = (el.dataset.errors ? el.dataset.errors + ' | ' : '') + msg;
      });
      </script>
      """;

  static final String STYLE = """
      <style>
      body { font-family: sans-serif; margin: 1.5em; color: #222; }
      table { border-collapse: collapse; margin-bottom: 1em; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      tr.mean td { font-weight: bold; border-top: 2px solid #888; }
      svg#bars text { font-size: 12px; }
      rect.bar.macc, .key.macc { fill: #3b7dd8; background: #3b7dd8; }
      rect.bar.miou, .key.miou { fill: #e0892b; background: #e0892b; }
      .key { display: inline-block; width: 1em; height: 0.8em; }
      ul#config { font-size: 0.9em; }
      #heatmaps figure { display: inline-block; margin: 0.4em; vertical-align: top; }
      #heatmaps img { max-width: 360px; height: auto; display: block; }
      figcaption { font-size: 0.8em; }
      </style>
      """;

  /**
   * Last in the body: waits for every image to load or fail, writes its natural size into {@code
   * data-natural-width} and {@code data-natural-height}, then sets {@code body[data-ready=1]}.
   */
  static final String READY_SCRIPT = """
      <script>
      (function () {
        var imgs = Array.prototype.slice.call(document.images);
        var left = imgs.length;
        function settled(img) {
          img.dataset.naturalWidth = String(img.naturalWidth);
          img.dataset.naturalHeight = String(img.naturalHeight);
          left -= 1;
          if (left <= 0) { document.body.dataset.ready = '1'; }
        }
        if (left === 0) { document.body.dataset.ready = '1'; }
        imgs.forEach(function (img) {
          if (img.complete) { settled(img); }
          else {
            img.addEventListener('load', function () { settled(img); });
            img.addEventListener('error', function () { settled(img); });
          }
        });
      })();
      </script>
      """;
}
