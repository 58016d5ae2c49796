package org.gags.eval;

import java.util.Locale;

/** Escaping and number formats for {@link HtmlReport}. */
final class Html {
  private Html() {}

  /** Text or an attribute value with {@code & < > " '} escaped. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A fraction as a percentage with one decimal, {@code n/a} for NaN. */
  static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * v);
  }

  /** Milliseconds with one decimal, {@code n/a} for NaN. */
  static String millis(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
  }

  /** A number exactly as Java writes it ({@link Double#toString}), for data attributes a test reads back. */
  static String exact(double v) {
    return Double.toString(v);
  }
}
