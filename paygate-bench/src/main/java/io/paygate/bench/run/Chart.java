package io.paygate.bench.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Throughput against concurrency, one line per scenario, as a PNG (Java2D, no library). */
final class Chart {

  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };

  private Chart() {}

  static void write(Path file, String title, List<Integer> levels, Map<String, double[]> lines)
      throws IOException {
    int width = 1000;
    int height = 600;
    int left = 80;
    int right = 260;
    int top = 50;
    int bottom = 60;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double max = 1;
    for (double[] values : lines.values()) {
      for (double v : values) {
        max = Math.max(max, v);
      }
    }
    max = niceCeiling(max);
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, left, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawLine(left, top, left, top + plotHeight);
    g.drawLine(left, top + plotHeight, left + plotWidth, top + plotHeight);
    for (int i = 0; i <= 5; i++) {
      int y = top + plotHeight - i * plotHeight / 5;
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, y, left + plotWidth, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.0f", max * i / 5), 10, y + 4);
    }
    for (int i = 0; i < levels.size(); i++) {
      int x = left + (levels.size() == 1 ? plotWidth / 2 : i * plotWidth / (levels.size() - 1));
      g.drawString("c=" + levels.get(i), x - 12, top + plotHeight + 20);
    }
    g.drawString("requests (operations) per second, against concurrency", left, height - 15);
    int n = 0;
    for (Map.Entry<String, double[]> line : lines.entrySet()) {
      Color color = COLORS[n % COLORS.length];
      g.setColor(color);
      g.setStroke(new BasicStroke(2.5f));
      double[] values = line.getValue();
      int px = -1;
      int py = -1;
      for (int i = 0; i < values.length; i++) {
        int x = left + (values.length == 1 ? plotWidth / 2 : i * plotWidth / (values.length - 1));
        int y = top + plotHeight - (int) (values[i] / max * plotHeight);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.fillRect(width - right + 20, top + n * 22, 14, 14);
      g.setColor(Color.DARK_GRAY);
      g.drawString(line.getKey(), width - right + 40, top + n * 22 + 12);
      n++;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
