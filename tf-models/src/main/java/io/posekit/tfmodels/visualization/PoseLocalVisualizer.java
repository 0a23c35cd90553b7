package io.posekit.tfmodels.visualization;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.spi.Tuple;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import io.posekit.annotations.Nullable;

/**
 * MMPose's {@code PoseLocalVisualizer}: draws instances' keypoints (discs of {@code radius}) and
 * skeleton links ({@code line_width}) onto an image with Java2D, ground truth on the left and
 * predictions on the right when both are drawn. Colours and skeleton come from the data set's
 * meta once {@link #setDatasetMeta} is called (as MMPose's {@code set_dataset_meta}), else from
 * {@code kpt_color}, {@code link_color} and {@code skeleton}. Keypoints below {@code kpt_thr} (or
 * invisible in the ground truth) are not drawn, nor links touching them or leaving the image;
 * {@code alpha} is the opacity of the drawing. Results go to the {@code vis_backends} and, with an
 * output file, to a PNG.
 */
@RegisterModule(registry = Registries.VISUALIZERS, scope = "mmpose")
public final class PoseLocalVisualizer implements AutoCloseable {
  private final String name;
  private final List<VisBackend> visBackends;
  private final Color bboxColor;
  private @Nullable Object kptColor;
  private @Nullable Object linkColor;
  private @Nullable List<int[]> skeleton;
  private final int lineWidth;
  private final int radius;
  private final double kptThr;
  private final double alpha;
  private final boolean showKeypointWeight;

  public PoseLocalVisualizer(
      @Param(defaultValue = "'visualizer'") String name,
      @Param(defaultValue = "[]") List<VisBackend> visBackends,
      @Param(defaultValue = "None") @Nullable String saveDir,
      @Param(defaultValue = "'green'") Object bboxColor,
      @Param(defaultValue = "'red'") @Nullable Object kptColor,
      @Param(defaultValue = "None") @Nullable Object linkColor,
      @Param(defaultValue = "None") @Nullable Object skeleton,
      @Param(defaultValue = "1") int lineWidth,
      @Param(defaultValue = "3") int radius,
      @Param(defaultValue = "0.3") double kptThr,
      @Param(defaultValue = "1.0") double alpha,
      @Param(defaultValue = "False") boolean showKeypointWeight) {
    if (alpha < 0 || alpha > 1) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
    if (radius < 0 || lineWidth < 0) {
      throw new IllegalArgumentException("radius and line_width must not be negative");
    }
    this.name = name;
    this.visBackends = List.copyOf(visBackends);
    if (saveDir != null) {
      for (VisBackend b : this.visBackends) {
        b.useSaveDirIfUnset(Path.of(saveDir, "vis_data")); // as MMEngine's Visualizer: backends write under <save_dir>/vis_data
      }
    }
    Color bbox = Colors.single(bboxColor, "bbox_color");
    if (bbox == null) {
      throw new IllegalArgumentException("bbox_color: not a colour: " + bboxColor);
    }
    this.bboxColor = bbox;
    this.kptColor = kptColor;
    this.linkColor = linkColor;
    this.skeleton = skeleton == null ? null : links(skeleton);
    this.lineWidth = lineWidth;
    this.radius = radius;
    this.kptThr = kptThr;
    this.alpha = alpha;
    this.showKeypointWeight = showKeypointWeight;
  }

  private static List<int[]> links(Object value) {
    List<?> items = value instanceof Tuple t ? t.asList() : value instanceof List<?> l ? l : null;
    if (items == null) {
      throw new IllegalArgumentException("skeleton must be a list of keypoint index pairs, got " + value);
    }
    List<int[]> out = new ArrayList<>();
    for (Object o : items) {
      List<?> pair = o instanceof Tuple t ? t.asList() : o instanceof List<?> l ? l : null;
      if (pair == null || pair.size() != 2 || !(pair.get(0) instanceof Integer a) || !(pair.get(1) instanceof Integer b)) {
        throw new IllegalArgumentException("skeleton: each link must be a pair of keypoint indices, got " + o);
      }
      out.add(new int[] {a, b});
    }
    return out;
  }

  public String name() {
    return name;
  }

  public List<VisBackend> visBackends() {
    return visBackends;
  }

  /** Takes keypoint and link colours and the skeleton from a data set's meta. */
  public void setDatasetMeta(DatasetMeta meta) {
    this.kptColor = meta.keypointColors();
    this.linkColor = meta.skeletonLinkColors();
    this.skeleton = meta.skeletonLinks();
  }

  /** Draws keypoints and links in these colours from now on (MMPose's hooks set {@code kpt_color}/{@code link_color}). */
  public void setColors(Object kptColor, Object linkColor) {
    this.kptColor = kptColor;
    this.linkColor = linkColor;
  }

  /** An RGB image of a BGR {@link ImageArray}. */
  public static BufferedImage toBufferedImage(ImageArray img) {
    if (img.channels() != 3) {
      throw new IllegalArgumentException("need a 3-channel image, got " + img.channels());
    }
    BufferedImage out = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    System.arraycopy(img.data(), 0, dst, 0, dst.length); // TYPE_3BYTE_BGR keeps B, G, R per pixel too
    return out;
  }

  /**
   * Draws the sample's ground truth and/or predictions onto a copy of {@code image}, sends the
   * result to every backend under {@code name} at {@code step} and, when {@code outFile} is not
   * null, writes it there as PNG. Returns the drawing.
   */
  public BufferedImage addDatasample(
      String name,
      BufferedImage image,
      PoseDataSample sample,
      boolean drawGt,
      boolean drawPred,
      boolean drawBbox,
      @Nullable Path outFile,
      int step) {
    return addDatasample(name, image, sample, drawGt, drawPred, drawBbox, kptThr, outFile, step);
  }

  /** {@link #addDatasample} with this call's keypoint score threshold, as MMPose's {@code kpt_thr} argument. */
  public BufferedImage addDatasample(
      String name,
      BufferedImage image,
      PoseDataSample sample,
      boolean drawGt,
      boolean drawPred,
      boolean drawBbox,
      double kptThr,
      @Nullable Path outFile,
      int step) {
    List<BufferedImage> panels = new ArrayList<>();
    if (drawGt) {
      var gt = sample.gtInstances();
      BufferedImage panel = copy(image);
      if (gt != null && gt.keypoints() != null) {
        drawInstances(panel, gt.keypoints(), null, gt.keypointsVisible(), drawBbox ? gt.bboxes() : null, kptThr);
      } else if (gt != null && drawBbox && gt.bboxes() != null) {
        drawInstances(panel, new double[0][][], null, null, gt.bboxes(), kptThr);
      }
      panels.add(panel);
    }
    if (drawPred && sample.predInstances() != null) {
      var pred = sample.predInstances();
      BufferedImage panel = copy(image);
      drawInstances(panel, pred.keypoints(), pred.keypointScores(), null, drawBbox ? pred.bboxes() : null, kptThr);
      panels.add(panel);
    }
    BufferedImage result = panels.isEmpty() ? copy(image) : concat(panels);
    for (VisBackend b : visBackends) {
      b.addImage(name, result, step);
    }
    if (outFile != null) {
      savePng(result, outFile);
    }
    return result;
  }

  /** Writes {@code image} as PNG, making parent directories. */
  public static void savePng(BufferedImage image, Path outFile) {
    try {
      if (outFile.getParent() != null) {
        Files.createDirectories(outFile.getParent());
      }
      if (!ImageIO.write(image, "png", outFile.toFile())) {
        throw new IllegalStateException("no PNG writer for " + outFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + outFile, e);
    }
  }

  public void addScalars(Map<String, ? extends Number> scalars, int step) {
    for (VisBackend b : visBackends) {
      b.addScalars(scalars, step);
    }
  }

  public void addConfig(String configText) {
    for (VisBackend b : visBackends) {
      b.addConfig(configText);
    }
  }

  public void addImage(String name, BufferedImage image, int step) {
    for (VisBackend b : visBackends) {
      b.addImage(name, image, step);
    }
  }

  private static BufferedImage copy(BufferedImage src) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  private static BufferedImage concat(List<BufferedImage> panels) {
    int w = panels.stream().mapToInt(BufferedImage::getWidth).sum();
    int h = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    int x = 0;
    for (BufferedImage p : panels) {
      g.drawImage(p, x, 0, null);
      x += p.getWidth();
    }
    g.dispose();
    return out;
  }

  /**
   * Draws instances onto {@code canvas} in place: boxes, then links, then keypoints. A keypoint
   * counts when its score (1 without scores) is at least {@code kpt_thr} and it is visible (all are
   * without a visibility array).
   */
  public void drawInstances(
      BufferedImage canvas,
      double[][][] keypoints,
      double @Nullable [][] scores,
      double @Nullable [][] visible,
      double @Nullable [][] bboxes) {
    drawInstances(canvas, keypoints, scores, visible, bboxes, kptThr);
  }

  private void drawInstances(
      BufferedImage canvas,
      double[][][] keypoints,
      double @Nullable [][] scores,
      double @Nullable [][] visible,
      double @Nullable [][] bboxes,
      double kptThr) {
    Graphics2D g = canvas.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    int w = canvas.getWidth(), h = canvas.getHeight();
    try {
      if (bboxes != null) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) alpha));
        g.setColor(bboxColor);
        g.setStroke(new BasicStroke(Math.max(1, lineWidth)));
        for (double[] b : bboxes) {
          g.draw(new Rectangle2D.Double(b[0], b[1], b[2] - b[0], b[3] - b[1]));
        }
      }
      for (int n = 0; n < keypoints.length; n++) {
        double[][] kpts = keypoints[n];
        int k = kpts.length;
        double[] score = new double[k];
        boolean[] on = new boolean[k];
        for (int j = 0; j < k; j++) {
          score[j] = scores == null ? 1.0 : scores[n][j];
          boolean vis = visible == null || visible[n][j] > 0;
          on[j] = vis && score[j] >= kptThr;
        }
        Color[] kc = Colors.forEach(kptColor, k, "kpt_color");
        if (skeleton != null) {
          Color[] lc = linkColor == null ? null : Colors.forEach(linkColor, skeleton.size(), "link_color");
          g.setStroke(new BasicStroke(Math.max(1, lineWidth), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
          for (int s = 0; s < skeleton.size(); s++) {
            int a = skeleton.get(s)[0], b = skeleton.get(s)[1];
            if (a >= k || b >= k) {
              throw new IllegalArgumentException("skeleton link " + a + "-" + b + " outside the " + k + " keypoints");
            }
            if (!on[a] || !on[b] || !inside(kpts[a], w, h) || !inside(kpts[b], w, h)) {
              continue;
            }
            double opacity = showKeypointWeight ? clamp01((score[a] + score[b]) / 2) : alpha;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
            g.setColor(lc == null ? kc[a] : lc[s]);
            g.draw(new Line2D.Double(kpts[a][0], kpts[a][1], kpts[b][0], kpts[b][1]));
          }
        }
        g.setStroke(new BasicStroke(Math.max(1, lineWidth)));
        for (int j = 0; j < k; j++) {
          if (!on[j]) {
            continue;
          }
          double opacity = showKeypointWeight ? clamp01(score[j]) : alpha;
          g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
          g.setColor(kc[j]);
          Ellipse2D disc = new Ellipse2D.Double(kpts[j][0] - radius, kpts[j][1] - radius, 2.0 * radius, 2.0 * radius);
          g.fill(disc);
          g.draw(disc);
        }
      }
    } finally {
      g.dispose();
    }
  }

  private static boolean inside(double[] p, int w, int h) {
    return p[0] > 0 && p[0] < w && p[1] > 0 && p[1] < h;
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  @Override
  public void close() {
    for (VisBackend b : visBackends) {
      b.close();
    }
  }
}
