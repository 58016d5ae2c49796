package org.gags.eval;

/**
 * A heatmap image a report shows: its scene, frame and category, and where the page finds it, a
 * path relative to the page (as {@link Heatmap#fileName} names files) or a {@code data:image/}
 * URI. Absolute paths and other URIs are refused, so a report opens offline on any machine.
 */
public record HeatmapLink(String scene, String frame, String category, String href) {
  public HeatmapLink {
    if (href == null || href.isEmpty()) {
      throw new IllegalArgumentException(scene + " / " + frame + " / " + category + ": heatmap href: expected a "
          + "relative path or a data:image/ URI, found none");
    }
    boolean data = href.startsWith("data:image/");
    boolean absolute = href.startsWith("/") || href.startsWith("\\") || href.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    if (!data && absolute) {
      throw new IllegalArgumentException(scene + " / " + frame + " / " + category + ": heatmap href: expected a "
          + "relative path or a data:image/ URI, found '" + href + "'");
    }
  }
}
