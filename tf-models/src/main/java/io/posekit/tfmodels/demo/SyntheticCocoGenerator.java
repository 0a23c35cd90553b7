package io.posekit.tfmodels.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a small COCO-format person keypoint data set of rendered figures, for training and
 * testing where the real COCO cannot be downloaded. The layout is COCO's:
 *
 * <pre>
 * train2017/*.jpg, val2017/*.jpg
 * annotations/person_keypoints_train2017.json, annotations/person_keypoints_val2017.json
 * person_detection_results/COCO_val2017_detections_AP_H_56_person.json
 * </pre>
 *
 * Every image has 1-3 articulated figures on a cluttered background; keypoints covered by a later
 * figure or a foreground shape are labelled v=1, those outside the image v=0. The same seed gives
 * byte-identical files.
 */
public final class SyntheticCocoGenerator {
  static final String[] KEYPOINT_NAMES = {
    "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
    "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
    "right_ankle"
  };
  /** COCO's person skeleton, 1-based as in the annotation files. */
  static final int[][] SKELETON = {
    {16, 14}, {14, 12}, {17, 15}, {15, 13}, {12, 13}, {6, 12}, {7, 13}, {6, 7}, {6, 8}, {7, 9}, {8, 10},
    {9, 11}, {2, 3}, {1, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 6}, {5, 7}
  };
  static final String DETECTION_FILE = "person_detection_results/COCO_val2017_detections_AP_H_56_person.json";
  private static final long VAL_ID_OFFSET = 100_000;
  /**
   * COCO's {@code area} is the segmentation area of a real person, typically 50-60% of the person's
   * box; OKS divides keypoint distances by its square root. The drawn figures are much thinner than
   * people (limbs 5-6% of their height, silhouette about a quarter of the box), so the silhouette
   * area would judge them as if they were people half their size. The annotation's area is instead
   * what COCO would record for a person filling this box: this fraction of the box, times the
   * share of the silhouette left visible, as a COCO mask shrinks when the person is occluded.
   */
  static final double PERSON_AREA_FRACTION = 0.55;

  private final long seed;
  private final int numTrain;
  private final int numVal;
  private final int width;
  private final int height;

  public SyntheticCocoGenerator(long seed, int numTrain, int numVal, int width, int height) {
    if (numTrain < 0 || numVal < 0 || width < 64 || height < 64) {
      throw new IllegalArgumentException(
          "need numTrain, numVal >= 0 and an image of at least 64 x 64, got " + numTrain + ", " + numVal + ", "
              + width + " x " + height);
    }
    this.seed = seed;
    this.numTrain = numTrain;
    this.numVal = numVal;
    this.width = width;
    this.height = height;
  }

  /**
   * What to generate: where, from which seed, how many train and val images, of what size.
   * {@link #defaults(Path)} gives the demo data set (seed 0, 1000 train, 100 val, 320 x 240).
   */
  public record Options(Path outDir, long seed, int numTrain, int numVal, int width, int height) {
    public Options {
      if (outDir == null) {
        throw new IllegalArgumentException("an output directory is needed");
      }
      if (numTrain < 0 || numVal < 0 || width < 64 || height < 64) {
        throw new IllegalArgumentException(
            "need num_train, num_val >= 0 and an image of at least 64 x 64, got " + numTrain + ", " + numVal + ", "
                + width + " x " + height);
      }
    }

    public static Options defaults(Path outDir) {
      return new Options(outDir, 0, 1000, 100, 320, 240);
    }

    public Options withSeed(long s) {
      return new Options(outDir, s, numTrain, numVal, width, height);
    }

    public Options withCounts(int train, int val) {
      return new Options(outDir, seed, train, val, width, height);
    }

    public Options withImageSize(int w, int h) {
      return new Options(outDir, seed, numTrain, numVal, w, h);
    }
  }

  /** The files one run wrote, relative to its output directory. */
  public record Summary(Path root, int trainImages, int valImages, List<String> annotationFiles, String detectionFile) {}

  /** Writes the data set {@code options} describe. */
  public static Summary generate(Options options) {
    return generate(options, () -> {});
  }

  /** As {@link #generate(Options)}, running {@code imageWritten} after each image (the entry point of {@code make-demo-data}). */
  public static Summary generate(Options options, Runnable imageWritten) {
    new SyntheticCocoGenerator(options.seed(), options.numTrain(), options.numVal(), options.width(), options.height())
        .generate(options.outDir(), imageWritten);
    return new Summary(
        options.outDir(), options.numTrain(), options.numVal(),
        List.of("annotations/person_keypoints_train2017.json", "annotations/person_keypoints_val2017.json"),
        DETECTION_FILE);
  }

  /** Writes the whole data set under {@code root}, replacing files of the same names. */
  public void generate(Path root) {
    generate(root, () -> {});
  }

  /** As {@link #generate(Path)}, running {@code imageWritten} after each image. */
  public void generate(Path root, Runnable imageWritten) {
    try {
      Files.createDirectories(root.resolve("annotations"));
      Files.createDirectories(root.resolve("person_detection_results"));
      writeSplit(root, "train2017", numTrain, 0, imageWritten);
      List<Map<String, Object>> detections = writeSplit(root, "val2017", numVal, VAL_ID_OFFSET, imageWritten);
      json().writeValue(root.resolve(DETECTION_FILE).toFile(), detections);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic COCO data set under " + root, e);
    }
  }

  /** Renders one split and writes its annotation file; returns the detections for its images. */
  private List<Map<String, Object>> writeSplit(Path root, String split, int count, long idOffset, Runnable imageWritten)
      throws IOException {
    Path imageDir = root.resolve(split);
    Files.createDirectories(imageDir);
    List<Map<String, Object>> images = new ArrayList<>();
    List<Map<String, Object>> annotations = new ArrayList<>();
    List<Map<String, Object>> detections = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long imageId = idOffset + i + 1;
      // one stream per image: an image does not change when the split grows
      SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + imageId);
      String fileName = String.format("%012d.jpg", imageId);
      List<Map<String, Object>> anns = new ArrayList<>();
      BufferedImage image = render(rnd, imageId, anns);
      writeJpeg(image, imageDir.resolve(fileName));
      imageWritten.run();
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("license", 1);
      info.put("file_name", fileName);
      info.put("coco_url", "");
      info.put("height", height);
      info.put("width", width);
      info.put("date_captured", "2017-01-01 00:00:00");
      info.put("flickr_url", "");
      info.put("id", imageId);
      images.add(info);
      annotations.addAll(anns);
      detections.addAll(detect(rnd, imageId, anns));
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put(
        "info",
        Map.of(
            "description", "PoseKit synthetic COCO-format keypoints (seed " + seed + ")", "version", "1.0",
            "year", 2017, "contributor", "PoseKit", "date_created", "2017/01/01", "url", ""));
    file.put("licenses", List.of(Map.of("id", 1, "name", "synthetic, no rights reserved", "url", "")));
    file.put("images", images);
    file.put("annotations", annotations);
    Map<String, Object> category = new LinkedHashMap<>();
    category.put("supercategory", "person");
    category.put("id", 1);
    category.put("name", "person");
    category.put("keypoints", List.of(KEYPOINT_NAMES));
    category.put("skeleton", SKELETON);
    file.put("categories", List.of(category));
    json().writeValue(root.resolve("annotations/person_keypoints_" + split + ".json").toFile(), file);
    return detections;
  }

  private BufferedImage render(SplittableRandom rnd, long imageId, List<Map<String, Object>> anns) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    drawBackground(g, rnd);

    int people = 1 + rnd.nextInt(3);
    List<StickFigure> figures = new ArrayList<>();
    for (int p = 0; p < people; p++) {
      double h = StickFigure.uniform(rnd, 0.35, 0.9) * height;
      // pelvis anywhere across the image, vertically so that the figure mostly fits, sometimes not
      double x = StickFigure.uniform(rnd, 0.1, 0.9) * width;
      double y = StickFigure.uniform(rnd, 0.45 * h, height - 0.25 * h + 0.2 * h);
      StickFigure f = new StickFigure(rnd, h, x, y);
      figures.add(f);
      for (StickFigure.Part part : f.parts()) {
        g.setColor(part.color());
        g.fill(part.shape());
      }
    }
    // foreground clutter that hides parts of the people
    List<Shape> occluders = new ArrayList<>();
    int numOccluders = rnd.nextInt(3);
    for (int o = 0; o < numOccluders; o++) {
      double ow = StickFigure.uniform(rnd, 0.08, 0.25) * width, oh = StickFigure.uniform(rnd, 0.08, 0.25) * height;
      double ox = rnd.nextDouble() * (width - ow), oy = rnd.nextDouble() * (height - oh);
      Shape s = rnd.nextBoolean() ? new Rectangle2D.Double(ox, oy, ow, oh) : new Ellipse2D.Double(ox, oy, ow, oh);
      g.setColor(StickFigure.randomColor(rnd));
      g.fill(s);
      occluders.add(s);
    }
    addNoise(image, rnd);
    g.dispose();

    Area frame = new Area(new Rectangle2D.Double(0, 0, width, height));
    for (int p = 0; p < figures.size(); p++) {
      StickFigure f = figures.get(p);
      Area cover = new Area(); // whatever is drawn over this figure
      for (int q = p + 1; q < figures.size(); q++) {
        cover.add(figures.get(q).silhouette());
      }
      for (Shape s : occluders) {
        cover.add(new Area(s));
      }
      Area amodal = f.silhouette();
      amodal.intersect(frame);
      Area visible = new Area(amodal);
      visible.subtract(cover);
      anns.add(annotation(imageId * 100 + p + 1, imageId, f, amodal, visible, cover));
    }
    return image;
  }

  private Map<String, Object> annotation(
      long id, long imageId, StickFigure f, Area amodal, Area visible, Area cover) {
    // the extent of the flattened outline: Area.getBounds2D would include curve control points
    double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
    for (List<Double> poly : polygons(amodal)) {
      for (int i = 0; i < poly.size(); i += 2) {
        minX = Math.min(minX, poly.get(i));
        maxX = Math.max(maxX, poly.get(i));
        minY = Math.min(minY, poly.get(i + 1));
        maxY = Math.max(maxY, poly.get(i + 1));
      }
    }
    double x0 = Math.max(0, Math.floor(minX)), y0 = Math.max(0, Math.floor(minY));
    double x1 = Math.min(width, Math.ceil(maxX)), y1 = Math.min(height, Math.ceil(maxY));
    String bounds = "[" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + "]";
    List<Number> keypoints = new ArrayList<>();
    int numKeypoints = 0;
    for (double[] k : f.keypoints()) {
      double x = round2(k[0]), y = round2(k[1]);
      boolean inFrame = x >= 0 && y >= 0 && x < width && y < height;
      if (inFrame && (x < x0 || x > x1 || y < y0 || y > y1)) {
        throw new IllegalStateException(
            "image " + imageId + ": keypoint (" + x + ", " + y + ") lies outside its figure's box " + bounds);
      }
      if (!inFrame) {
        keypoints.add(0);
        keypoints.add(0);
        keypoints.add(0);
        continue;
      }
      keypoints.add(x);
      keypoints.add(y);
      keypoints.add(cover.contains(k[0], k[1]) ? 1 : 2);
      numKeypoints++;
    }
    List<List<Double>> segmentation = polygons(visible);
    double amodalArea = polygonArea(polygons(amodal));
    double visibleShare = amodalArea > 0 ? polygonArea(segmentation) / amodalArea : 0;
    Map<String, Object> ann = new LinkedHashMap<>();
    ann.put("segmentation", segmentation);
    ann.put("num_keypoints", numKeypoints);
    ann.put("area", round2(PERSON_AREA_FRACTION * (x1 - x0) * (y1 - y0) * visibleShare));
    ann.put("iscrowd", 0);
    ann.put("keypoints", keypoints);
    ann.put("image_id", imageId);
    ann.put("bbox", List.of(x0, y0, x1 - x0, y1 - y0));
    ann.put("category_id", 1);
    ann.put("id", id);
    return ann;
  }

  /** Boxes a person detector might return: jittered ground-truth boxes plus a few false positives. */
  private List<Map<String, Object>> detect(SplittableRandom rnd, long imageId, List<Map<String, Object>> anns) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> ann : anns) {
      @SuppressWarnings("unchecked")
      List<Double> b = (List<Double>) ann.get("bbox");
      double w = b.get(2) * StickFigure.uniform(rnd, 0.92, 1.08), h = b.get(3) * StickFigure.uniform(rnd, 0.92, 1.08);
      double cx = b.get(0) + b.get(2) / 2 + StickFigure.uniform(rnd, -0.05, 0.05) * b.get(2);
      double cy = b.get(1) + b.get(3) / 2 + StickFigure.uniform(rnd, -0.05, 0.05) * b.get(3);
      out.add(detection(imageId, cx - w / 2, cy - h / 2, w, h, StickFigure.uniform(rnd, 0.6, 1.0)));
    }
    int falsePositives = rnd.nextInt(3);
    for (int i = 0; i < falsePositives; i++) {
      double w = StickFigure.uniform(rnd, 0.1, 0.4) * width, h = StickFigure.uniform(rnd, 0.2, 0.6) * height;
      out.add(detection(imageId, rnd.nextDouble() * (width - w), rnd.nextDouble() * (height - h), w, h,
          StickFigure.uniform(rnd, 0.05, 0.5)));
    }
    return out;
  }

  private static Map<String, Object> detection(long imageId, double x, double y, double w, double h, double score) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("bbox", List.of(round2(x), round2(y), round2(w), round2(h)));
    d.put("category_id", 1);
    d.put("image_id", imageId);
    d.put("score", Math.round(score * 1e4) / 1e4);
    return d;
  }

  private void drawBackground(Graphics2D g, SplittableRandom rnd) {
    g.setPaint(new GradientPaint(0, 0, StickFigure.randomColor(rnd), width, height, StickFigure.randomColor(rnd)));
    g.fillRect(0, 0, width, height);
    int shapes = 8 + rnd.nextInt(12);
    for (int i = 0; i < shapes; i++) {
      g.setColor(StickFigure.randomColor(rnd));
      double x = rnd.nextDouble() * width, y = rnd.nextDouble() * height;
      double w = StickFigure.uniform(rnd, 0.03, 0.3) * width, h = StickFigure.uniform(rnd, 0.03, 0.3) * height;
      switch (rnd.nextInt(3)) {
        case 0 -> g.fill(new Rectangle2D.Double(x, y, w, h));
        case 1 -> g.fill(new Ellipse2D.Double(x, y, w, h));
        default -> {
          // thin bars look like limbs, so the model cannot rely on "any stroke is a person"
          g.setStroke(new BasicStroke((float) StickFigure.uniform(rnd, 1, 0.02 * height + 2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
          g.draw(new Line2D.Double(x, y, x + w * (rnd.nextBoolean() ? 1 : -1), y + h));
        }
      }
    }
  }

  private static void addNoise(BufferedImage image, SplittableRandom rnd) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int n = rnd.nextInt(25) - 12;
        int r = clamp(((rgb >> 16) & 0xff) + n), gg = clamp(((rgb >> 8) & 0xff) + n), b = clamp((rgb & 0xff) + n);
        image.setRGB(x, y, (r << 16) | (gg << 8) | b);
      }
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  /** The outlines of an area as COCO polygons {@code [x1, y1, x2, y2, ...]}. */
  static List<List<Double>> polygons(Area area) {
    List<List<Double>> out = new ArrayList<>();
    PathIterator it = area.getPathIterator(null, 0.5);
    double[] c = new double[6];
    List<Double> current = null;
    while (!it.isDone()) {
      int type = it.currentSegment(c);
      if (type == PathIterator.SEG_MOVETO) {
        current = new ArrayList<>();
        current.add(round2(c[0]));
        current.add(round2(c[1]));
      } else if (type == PathIterator.SEG_LINETO) {
        current.add(round2(c[0]));
        current.add(round2(c[1]));
      } else if (type == PathIterator.SEG_CLOSE && current != null) {
        if (current.size() >= 6) {
          out.add(current);
        }
        current = null;
      }
      it.next();
    }
    return out;
  }

  /** Area of the polygons with holes subtracted (an Area's holes wind the other way). */
  static double polygonArea(List<List<Double>> polygons) {
    double total = 0;
    for (List<Double> p : polygons) {
      double s = 0;
      int n = p.size() / 2;
      for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        s += p.get(2 * i) * p.get(2 * j + 1) - p.get(2 * j) * p.get(2 * i + 1);
      }
      total += s / 2;
    }
    return Math.abs(total);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void writeJpeg(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.92f);
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** Compact JSON, as COCO ships it; map order is insertion order, so the output is reproducible. */
  private static ObjectWriter json() {
    return new ObjectMapper().writer();
  }
}
