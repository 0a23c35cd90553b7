package io.posekit.tfmodels.evaluation;

import io.posekit.tfmodels.structures.CocoAnnotation;
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import io.posekit.tfmodels.structures.CocoFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * COCO keypoint evaluation with the behaviour of xtcocotools' {@code COCOeval(iouType='keypoints')},
 * which MMPose's {@code CocoMetric} runs: OKS with the data set's sigmas, greedy matching in score
 * order with at most 20 detections per image, crowd and keypoint-less ground truths ignored, area
 * ranges all / medium / large, IoU thresholds .50:.05:.95 and precision at 101 recall points.
 *
 * <p>Call {@link #evaluate()}, {@link #accumulate()}, then {@link #summarize()} as with COCOeval.
 */
public final class CocoKeypointEval {
  /** {@code np.linspace(.5, .95, 10)}, computed the way numpy does so that .5 and .75 are found by equality. */
  static final double[] IOU_THRS = linspace(0.5, 0.95, 10);
  /** {@code np.linspace(0, 1, 101)}. */
  static final double[] REC_THRS = linspace(0.0, 1.0, 101);
  static final int MAX_DETS = 20;
  static final double[][] AREA_RNG = {{0, 1e5 * 1e5}, {32 * 32, 96 * 96}, {96 * 96, 1e5 * 1e5}};
  static final String[] AREA_RNG_LBL = {"all", "medium", "large"};
  /** {@code np.spacing(1)}. */
  private static final double EPS = Math.ulp(1.0);

  /** A ground truth with COCOeval's {@code ignore} flag. */
  private record Gt(CocoAnnotation ann, boolean ignore, double rangeArea) {}

  /** A detection as {@code loadRes} makes it: 1-based id, area and box from the result. */
  private record Dt(long id, KeypointResult result, double area) {}

  private final CocoAnnotationFile cocoGt;
  private final List<KeypointResult> results;
  private final double[] vars;
  private final boolean useArea;
  private final List<Long> imgIds;
  private final List<Integer> catIds;
  private final Map<Long, Map<Integer, List<Gt>>> gts = new HashMap<>();
  private final Map<Long, Map<Integer, List<Dt>>> dts = new HashMap<>();
  /** [category][image]: detections by score, at most {@link #MAX_DETS}. */
  private Dt[][][] sortedDts;
  /** [category][image]: OKS of each sorted detection (rows) to each ground truth (columns). */
  private double[][][][] ious;
  /** Indexed [category][area range][image], null where an image has neither gt nor dt. */
  private ImageEvaluation[][][] evalImgs;
  /** [T][R][K][A], -1 where a setting has no ground truth. */
  private double[][][][] precision;
  /** [T][K][A]. */
  private double[][][] recall;
  private double[] stats;

  /**
   * @param sigmas the per-keypoint OKS sigmas; held as float32 like MMPose's dataset meta, so the
   *     variances round exactly as there
   */
  public CocoKeypointEval(CocoAnnotationFile cocoGt, List<KeypointResult> results, float[] sigmas, boolean useArea) {
    this.cocoGt = cocoGt;
    this.results = List.copyOf(results);
    this.vars = new double[sigmas.length];
    for (int i = 0; i < sigmas.length; i++) {
      float twice = sigmas[i] * 2f;
      vars[i] = twice * twice; // float32 product, as numpy computes (sigmas * 2) ** 2 on float32
    }
    this.useArea = useArea;
    this.imgIds = cocoGt.sortedImageIds();
    this.catIds = cocoGt.sortedCategoryIds();
  }

  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }

  /** Runs the per-image matching ({@code COCOeval.evaluate}). */
  public void evaluate() {
    prepare();
    int nCat = catIds.size(), nImg = imgIds.size();
    // detections sorted and OKS computed once per (category, image), shared by the area ranges
    sortedDts = new Dt[nCat][nImg][];
    ious = new double[nCat][nImg][][];
    for (int k = 0; k < nCat; k++) {
      for (int i = 0; i < nImg; i++) {
        sortedDts[k][i] = sortedDts(imgIds.get(i), catIds.get(k));
        ious[k][i] = computeOks(gtsOf(imgIds.get(i), catIds.get(k)), sortedDts[k][i]);
      }
    }
    evalImgs = new ImageEvaluation[nCat][AREA_RNG.length][nImg];
    for (int k = 0; k < nCat; k++) {
      for (int a = 0; a < AREA_RNG.length; a++) {
        for (int i = 0; i < nImg; i++) {
          evalImgs[k][a][i] = evaluateImg(i, k, AREA_RNG[a]);
        }
      }
    }
  }

  private void prepare() {
    Set<Long> imgSet = new HashSet<>(imgIds);
    Set<Integer> catSet = new HashSet<>(catIds);
    for (long imgId : imgIds) {
      for (CocoAnnotation ann : cocoGt.annotationsOf(imgId)) {
        if (!catSet.contains(ann.categoryId())) {
          continue;
        }
        // COCOeval overwrites any 'ignore' field with iscrowd, then also ignores gts without labelled keypoints
        if (ann.keypoints() == null) {
          throw new CocoFormatException(cocoGt.source() + ": annotation id=" + ann.id() + " has no 'keypoints'");
        }
        boolean ignore = ann.iscrowd() != 0;
        ignore = CocoAnnotation.countLabelled(ann.keypoints()) == 0 || ignore;
        double rangeArea =
            (ann.area() == null || !useArea) ? ann.bbox()[2] * ann.bbox()[3] * 0.53 : ann.area();
        group(gts, imgId, ann.categoryId()).add(new Gt(ann, ignore, rangeArea));
      }
    }
    long nextId = 1;
    for (KeypointResult r : results) {
      long id = nextId++;
      if (!imgSet.contains(r.imageId())) {
        throw new IllegalArgumentException(
            "keypoint result #" + (id - 1) + " has image_id " + r.imageId() + ", which is not in " + cocoGt.source());
      }
      if (!catSet.contains(r.categoryId())) {
        continue;
      }
      // detections whose keypoint scores are all zero take no part, as in COCOeval._prepare
      if (CocoAnnotation.countLabelled(r.keypoints()) == 0) {
        continue;
      }
      group(dts, r.imageId(), r.categoryId()).add(new Dt(id, r, loadResArea(r)));
    }
  }

  /** {@code COCO.loadRes}: the box area when results carry boxes, else the keypoint extent. */
  private double loadResArea(KeypointResult r) {
    // loadRes decides by the first result of the file whether results carry boxes
    boolean withBoxes = results.get(0).bbox() != null && results.get(0).bbox().length > 0;
    if (withBoxes) {
      if (r.bbox() == null) {
        throw new IllegalArgumentException(
            "keypoint results mix entries with and without 'bbox' (image_id " + r.imageId() + ")");
      }
      return r.bbox()[2] * r.bbox()[3];
    }
    double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < r.keypoints().length; i += 3) {
      x0 = Math.min(x0, r.keypoints()[i]);
      x1 = Math.max(x1, r.keypoints()[i]);
      y0 = Math.min(y0, r.keypoints()[i + 1]);
      y1 = Math.max(y1, r.keypoints()[i + 1]);
    }
    return (x1 - x0) * (y1 - y0);
  }

  private static <T> List<T> group(Map<Long, Map<Integer, List<T>>> map, long imgId, int catId) {
    return map.computeIfAbsent(imgId, k -> new HashMap<>()).computeIfAbsent(catId, k -> new ArrayList<>());
  }

  private List<Gt> gtsOf(long imgId, int catId) {
    return gts.getOrDefault(imgId, Map.of()).getOrDefault(catId, List.of());
  }

  /** Detections by descending score, stable for ties (numpy mergesort), at most {@link #MAX_DETS}. */
  private Dt[] sortedDts(long imgId, int catId) {
    List<Dt> list = dts.getOrDefault(imgId, Map.of()).getOrDefault(catId, List.of());
    Dt[] sorted = list.toArray(new Dt[0]);
    Arrays.sort(sorted, Comparator.comparingDouble((Dt d) -> -d.result().score())); // stable
    return sorted.length > MAX_DETS ? Arrays.copyOf(sorted, MAX_DETS) : sorted;
  }

  /** OKS of every detection (rows, score order) against every ground truth (columns, file order). */
  private double[][] computeOks(List<Gt> g, Dt[] d) {
    if (g.isEmpty() || d.length == 0) {
      return new double[0][0];
    }
    double[][] out = new double[d.length][g.size()];
    for (int j = 0; j < g.size(); j++) {
      CocoAnnotation gt = g.get(j).ann();
      for (int i = 0; i < d.length; i++) {
        out[i][j] = oks(gt, d[i].result().keypoints());
      }
    }
    return out;
  }

  /** Object keypoint similarity of one detection to one ground truth, COCOeval's formula. */
  double oks(CocoAnnotation gt, double[] dt) {
    double[] g = gt.keypoints();
    int k = vars.length;
    if (g.length != 3 * k || dt.length != 3 * k) {
      throw new IllegalArgumentException(
          "annotation id=" + gt.id() + ": expected " + k + " keypoints (as many as sigmas), got "
              + g.length / 3 + " in the ground truth and " + dt.length / 3 + " in the result");
    }
    int labelled = CocoAnnotation.countLabelled(g);
    double[] bb = gt.bbox();
    // without labelled keypoints the gt is an ignore region: twice the box, distance to its border
    double x0 = bb[0] - bb[2], x1 = bb[0] + bb[2] * 2;
    double y0 = bb[1] - bb[3], y1 = bb[1] + bb[3] * 2;
    double area;
    if (useArea) {
      if (gt.area() == null) {
        throw new CocoFormatException(
            cocoGt.source() + ": annotation id=" + gt.id() + " has no 'area' (set use_area=False for such data)");
      }
      area = gt.area();
    } else {
      area = bb[3] * bb[2] * 0.53;
    }
    double[] terms = new double[k];
    int n = 0;
    for (int p = 0; p < k; p++) {
      double xd = dt[3 * p], yd = dt[3 * p + 1];
      double xg = g[3 * p], yg = g[3 * p + 1];
      double dx, dy;
      if (labelled > 0) {
        if (!(g[3 * p + 2] > 0)) {
          continue;
        }
        dx = xd - xg;
        dy = yd - yg;
      } else {
        dx = Math.max(0, x0 - xd) + Math.max(0, xd - x1);
        dy = Math.max(0, y0 - yd) + Math.max(0, yd - y1);
      }
      double e = (dx * dx + dy * dy) / vars[p] / (area + EPS) / 2;
      terms[n++] = Math.exp(-e);
    }
    return PairwiseSum.sum(terms, n) / n;
  }

  private ImageEvaluation evaluateImg(int imgIndex, int catIndex, double[] aRng) {
    long imgId = imgIds.get(imgIndex);
    int catId = catIds.get(catIndex);
    List<Gt> gtAll = gtsOf(imgId, catId);
    Dt[] dt = sortedDts[catIndex][imgIndex];
    if (gtAll.isEmpty() && dt.length == 0) {
      return null;
    }
    int gCount = gtAll.size();
    boolean[] ignoreByFileOrder = new boolean[gCount];
    for (int j = 0; j < gCount; j++) {
      Gt g = gtAll.get(j);
      ignoreByFileOrder[j] = g.ignore() || g.rangeArea() < aRng[0] || g.rangeArea() > aRng[1];
    }
    // gt sorted with ignored ones last (stable), dt by score
    Integer[] gtind = new Integer[gCount];
    for (int j = 0; j < gCount; j++) {
      gtind[j] = j;
    }
    Arrays.sort(gtind, Comparator.comparingInt(j -> ignoreByFileOrder[j] ? 1 : 0));
    double[][] iouAll = ious[catIndex][imgIndex];
    int tCount = IOU_THRS.length, dCount = dt.length;
    long[][] gtm = new long[tCount][gCount];
    long[][] dtm = new long[tCount][dCount];
    boolean[][] dtIg = new boolean[tCount][dCount];
    for (long[] row : gtm) {
      Arrays.fill(row, -1);
    }
    for (long[] row : dtm) {
      Arrays.fill(row, -1);
    }
    boolean[] gtIg = new boolean[gCount];
    boolean[] iscrowd = new boolean[gCount];
    long[] gtIds = new long[gCount];
    for (int j = 0; j < gCount; j++) {
      gtIg[j] = ignoreByFileOrder[gtind[j]];
      iscrowd[j] = gtAll.get(gtind[j]).ann().iscrowd() != 0;
      gtIds[j] = gtAll.get(gtind[j]).ann().id();
    }
    if (iouAll.length > 0) {
      for (int t = 0; t < tCount; t++) {
        for (int d = 0; d < dCount; d++) {
          double iou = Math.min(IOU_THRS[t], 1 - 1e-10);
          int m = -1;
          for (int gi = 0; gi < gCount; gi++) {
            // a matched gt takes no second detection unless it is a crowd
            if (gtm[t][gi] >= 0 && !iscrowd[gi]) {
              continue;
            }
            // once matched to a regular gt, the ignored ones (sorted last) cannot replace it
            if (m > -1 && !gtIg[m] && gtIg[gi]) {
              break;
            }
            double value = iouAll[d][gtind[gi]];
            if (value < iou) {
              continue;
            }
            iou = value;
            m = gi;
          }
          if (m == -1) {
            continue;
          }
          dtIg[t][d] = gtIg[m];
          dtm[t][d] = gtIds[m];
          gtm[t][m] = dt[d].id();
        }
      }
    }
    long[] dtIds = new long[dCount];
    double[] dtScores = new double[dCount];
    for (int d = 0; d < dCount; d++) {
      Dt det = dt[d];
      dtIds[d] = det.id();
      dtScores[d] = det.result().score();
      // unmatched detections outside the area range are not counted as false positives
      boolean outside = det.area() < aRng[0] || det.area() > aRng[1];
      for (int t = 0; t < tCount; t++) {
        dtIg[t][d] = dtIg[t][d] || (dtm[t][d] < 0 && outside);
      }
    }
    return new ImageEvaluation(imgId, catId, dtIds, gtIds, dtm, gtm, dtScores, gtIg, dtIg);
  }

  /** Precision over the 101 recall points and maximum recall ({@code COCOeval.accumulate}). */
  public void accumulate() {
    if (evalImgs == null) {
      throw new IllegalStateException("call evaluate() before accumulate()");
    }
    int tCount = IOU_THRS.length, rCount = REC_THRS.length, kCount = catIds.size(), aCount = AREA_RNG.length;
    precision = new double[tCount][rCount][kCount][aCount];
    recall = new double[tCount][kCount][aCount];
    for (double[][][] p : precision) {
      for (double[][] q : p) {
        for (double[] r : q) {
          Arrays.fill(r, -1);
        }
      }
    }
    for (double[][] p : recall) {
      for (double[] q : p) {
        Arrays.fill(q, -1);
      }
    }
    for (int k = 0; k < kCount; k++) {
      for (int a = 0; a < aCount; a++) {
        List<ImageEvaluation> e = new ArrayList<>();
        for (ImageEvaluation ev : evalImgs[k][a]) {
          if (ev != null) {
            e.add(ev);
          }
        }
        if (e.isEmpty()) {
          continue;
        }
        int total = 0;
        for (ImageEvaluation ev : e) {
          total += Math.min(ev.dtScores().length, MAX_DETS);
        }
        double[] scores = new double[total];
        long[][] dtm = new long[tCount][total];
        boolean[][] dtIg = new boolean[tCount][total];
        int npig = 0;
        int off = 0;
        for (ImageEvaluation ev : e) {
          int n = Math.min(ev.dtScores().length, MAX_DETS);
          System.arraycopy(ev.dtScores(), 0, scores, off, n);
          for (int t = 0; t < tCount; t++) {
            System.arraycopy(ev.dtMatches()[t], 0, dtm[t], off, n);
            System.arraycopy(ev.dtIgnore()[t], 0, dtIg[t], off, n);
          }
          off += n;
          for (boolean ig : ev.gtIgnore()) {
            if (!ig) {
              npig++;
            }
          }
        }
        if (npig == 0) {
          continue;
        }
        // mergesort of -score: descending and stable across images
        Integer[] inds = new Integer[total];
        for (int i = 0; i < total; i++) {
          inds[i] = i;
        }
        Arrays.sort(inds, Comparator.comparingDouble(i -> -scores[i]));
        for (int t = 0; t < tCount; t++) {
          double[] rc = new double[total];
          double[] pr = new double[total];
          long tp = 0, fp = 0;
          for (int i = 0; i < total; i++) {
            int src = inds[i];
            if (!dtIg[t][src]) {
              if (dtm[t][src] >= 0) {
                tp++;
              } else {
                fp++;
              }
            }
            rc[i] = (double) tp / npig;
            pr[i] = tp / ((double) fp + (double) tp + EPS);
          }
          recall[t][k][a] = total > 0 ? rc[total - 1] : 0;
          // precision envelope: make it non-increasing from right to left
          for (int i = total - 1; i > 0; i--) {
            if (pr[i] > pr[i - 1]) {
              pr[i - 1] = pr[i];
            }
          }
          for (int r = 0; r < rCount; r++) {
            int pi = searchsortedLeft(rc, REC_THRS[r]);
            // recall points beyond the last reached recall keep precision 0
            precision[t][r][k][a] = pi < total ? pr[pi] : 0.0;
          }
        }
      }
    }
  }

  /** First index whose value is >= {@code v} ({@code np.searchsorted(side='left')} on a sorted array). */
  static int searchsortedLeft(double[] sorted, double v) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The ten keypoint stats in COCOeval's order: AP, AP .5, AP .75, AP (M), AP (L), AR, AR .5,
   * AR .75, AR (M), AR (L); -1 where nothing could be measured.
   */
  public double[] summarize() {
    if (precision == null) {
      throw new IllegalStateException("call accumulate() before summarize()");
    }
    stats =
        new double[] {
          summarizeOne(true, null, "all"),
          summarizeOne(true, 0.5, "all"),
          summarizeOne(true, 0.75, "all"),
          summarizeOne(true, null, "medium"),
          summarizeOne(true, null, "large"),
          summarizeOne(false, null, "all"),
          summarizeOne(false, 0.5, "all"),
          summarizeOne(false, 0.75, "all"),
          summarizeOne(false, null, "medium"),
          summarizeOne(false, null, "large"),
        };
    return stats.clone();
  }

  private double summarizeOne(boolean ap, Double iouThr, String areaLbl) {
    int a = Arrays.asList(AREA_RNG_LBL).indexOf(areaLbl);
    // values gathered in numpy's C order (t, r, k) and summed as np.mean does
    double[] values = new double[IOU_THRS.length * REC_THRS.length * catIds.size()];
    int count = 0;
    for (int t = 0; t < IOU_THRS.length; t++) {
      if (iouThr != null && IOU_THRS[t] != iouThr) {
        continue;
      }
      if (ap) {
        for (int r = 0; r < REC_THRS.length; r++) {
          for (int k = 0; k < catIds.size(); k++) {
            double v = precision[t][r][k][a];
            if (v > -1) {
              values[count++] = v;
            }
          }
        }
      } else {
        for (int k = 0; k < catIds.size(); k++) {
          double v = recall[t][k][a];
          if (v > -1) {
            values[count++] = v;
          }
        }
      }
    }
    return count == 0 ? -1 : PairwiseSum.sum(values, count) / count;
  }

  /** Precision [T][R][K][A] after {@link #accumulate()}, for inspection. */
  public double precision(int t, int r, int k, int a) {
    return precision[t][r][k][a];
  }

  /** Recall [T][K][A] after {@link #accumulate()}. */
  public double recall(int t, int k, int a) {
    return recall[t][k][a];
  }

  /** The per-image matchings after {@link #evaluate()}, for the area range index {@code a}. */
  List<ImageEvaluation> imageEvaluations(int k, int a) {
    return Arrays.asList(evalImgs[k][a]);
  }
}
