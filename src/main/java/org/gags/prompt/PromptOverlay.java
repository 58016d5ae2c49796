package org.gags.prompt;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/**
 * Draws prompts over a photo for a person to judge: each point a small filled disc with a dark
 * outline, coloured by its patch's points per side s (blue for s = 1 through green to red for
 * s ≥ 20, so denser patches stand out), and the patch grid as faint lines. Uniform-grid prompts
 * (no patches) are drawn in one colour without a grid.
 */
public final class PromptOverlay {
  private static final double RADIUS = 2.5;
  private static final int MAX_SIDE_COLOUR = 20;
  private static final Color GRID = new Color(255, 255, 255, 70);
  private static final Color OUTLINE = new Color(0, 0, 0, 220);
  private static final Color UNIFORM = new Color(255, 220, 40);

  private PromptOverlay() {}

  /** A copy of {@code photo} with the prompts drawn on it; the patch grid is inferred from the prompts' n×n patches. */
  public static BufferedImage draw(BufferedImage photo, Prompts p) {
    BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(photo, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      int perSide = (int) Math.round(Math.sqrt(p.patchPoints().length));
      if (perSide > 0 && perSide * perSide == p.patchPoints().length
          && photo.getWidth() >= perSide && photo.getHeight() >= perSide) {
        drawGrid(g, PatchGrid.of(photo.getWidth(), photo.getHeight(), perSide));
      }
      drawPoints(g, p);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static void drawGrid(Graphics2D g, PatchGrid grid) {
    g.setColor(GRID);
    g.setStroke(new BasicStroke(1f));
    for (int x0 : grid.columnOrigins()) {
      if (x0 > 0) {
        g.draw(new Line2D.Double(x0 + 0.5, 0, x0 + 0.5, grid.height()));
      }
    }
    for (int y0 : grid.rowOrigins()) {
      if (y0 > 0) {
        g.draw(new Line2D.Double(0, y0 + 0.5, grid.width(), y0 + 0.5));
      }
    }
  }

  private static void drawPoints(Graphics2D g, Prompts p) {
    g.setStroke(new BasicStroke(1f));
    int patch = 0;
    int endOfPatch = p.patchPoints().length > 0 ? p.patchPoints()[0] : Integer.MAX_VALUE;
    for (int i = 0; i < p.count(); i++) {
      while (i >= endOfPatch) {
        patch++;
        endOfPatch += p.patchPoints()[patch];
      }
      Color fill = p.patchSide().length > 0 ? sideColour(p.patchSide()[patch]) : UNIFORM;
      // Pixel (x, y) has its centre at (x + 0.5, y + 0.5).
      Ellipse2D disc = new Ellipse2D.Double(p.x()[i] + 0.5 - RADIUS, p.y()[i] + 0.5 - RADIUS, 2 * RADIUS, 2 * RADIUS);
      g.setColor(fill);
      g.fill(disc);
      g.setColor(OUTLINE);
      g.draw(disc);
    }
  }

  /** Blue (s = 1) through green to red (s ≥ 20). */
  static Color sideColour(int side) {
    float t = Math.min(1f, Math.max(0f, (side - 1) / (float) (MAX_SIDE_COLOUR - 1)));
    return Color.getHSBColor((2f / 3f) * (1f - t), 0.9f, 1f);
  }
}
