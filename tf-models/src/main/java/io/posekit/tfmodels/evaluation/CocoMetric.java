package io.posekit.tfmodels.evaluation;

import io.posekit.tfmodels.structures.CocoJson;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.CocoAnnotation;
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.posekit.annotations.Nullable;

/**
 * COCO keypoint AP/AR, as MMPose's {@code CocoMetric}: collects predictions, rescores them
 * ({@code score_mode}), suppresses duplicates per image ({@code nms_mode}), writes
 * {@code <outfile_prefix>.keypoints.json} in COCO results format and evaluates it with
 * {@link CocoKeypointEval}. Without {@code ann_file} the ground truth is built from the samples'
 * {@code raw_ann_info} and written to {@code <outfile_prefix>.gt.json}.
 */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public class CocoMetric implements Metric {
  static final List<String> STATS_NAMES =
      List.of("AP", "AP .5", "AP .75", "AP (M)", "AP (L)", "AR", "AR .5", "AR .75", "AR (M)", "AR (L)");
  private static final String DEFAULT_PREFIX = "coco";
  /** MMPose's soft_oks_nms keeps at most this many instances per image. */
  private static final int SOFT_NMS_MAX_DETS = 20;

  private final @Nullable String annFile;
  private final boolean useArea;
  private final ScoreMode scoreMode;
  private final double keypointScoreThr;
  private final NmsMode nmsMode;
  private final double nmsThr;
  private final boolean formatOnly;
  private final @Nullable String outfilePrefix;
  private final String prefix;
  private final DatasetMeta datasetMeta;
  private @Nullable CocoAnnotationFile coco;
  private final List<PoseDataSample> results = new ArrayList<>();

  /** One predicted instance on its way to the results file. */
  private static final class Instance {
    long id;
    boolean idIsSequence;
    long imgId;
    int categoryId;
    double[] keypoints; // flat x, y, score
    double[] keypointScores;
    double bboxScore;
    double @Nullable [] bbox; // x, y, w, h
    double area;
    double score;
  }

  public CocoMetric(
      @Param(defaultValue = "None") @Nullable String annFile,
      @Param(defaultValue = "True") boolean useArea,
      @Param(defaultValue = "'keypoints'") String iouType,
      @Param(defaultValue = "'bbox_keypoint'") ScoreMode scoreMode,
      @Param(defaultValue = "0.2") double keypointScoreThr,
      @Param(defaultValue = "'oks_nms'") NmsMode nmsMode,
      @Param(defaultValue = "0.9") double nmsThr,
      @Param(defaultValue = "False") boolean formatOnly,
      @Param(defaultValue = "None") @Nullable String outfilePrefix,
      @Param(defaultValue = "None") @Nullable String prefix,
      @Provided DatasetMeta datasetMeta) {
    this(annFile, useArea, iouType, scoreMode, keypointScoreThr, nmsMode, nmsThr, formatOnly, outfilePrefix, prefix,
        DEFAULT_PREFIX, datasetMeta);
  }

  /** For a variant with its own {@code default_prefix} (MMPose's {@code CocoWholeBodyMetric}). */
  CocoMetric(
      @Nullable String annFile, boolean useArea, String iouType, ScoreMode scoreMode, double keypointScoreThr,
      NmsMode nmsMode, double nmsThr, boolean formatOnly, @Nullable String outfilePrefix, @Nullable String prefix,
      String defaultPrefix, DatasetMeta datasetMeta) {
    if (!"keypoints".equals(iouType)) {
      // keypoints_crowd needs CrowdPose's crowd index and its own summary; only COCO's is supported
      throw new IllegalArgumentException("iou_type must be 'keypoints', got '" + iouType + "'");
    }
    if (formatOnly && outfilePrefix == null) {
      throw new IllegalArgumentException(
          "outfile_prefix cannot be None when format_only is True: the results would go to a temporary directory");
    }
    this.annFile = annFile;
    this.useArea = useArea;
    this.scoreMode = scoreMode;
    this.keypointScoreThr = keypointScoreThr;
    this.nmsMode = nmsMode;
    this.nmsThr = nmsThr;
    this.formatOnly = formatOnly;
    this.outfilePrefix = outfilePrefix;
    this.prefix = prefix == null ? defaultPrefix : prefix;
    if (datasetMeta.sigmas().length != datasetMeta.numKeypoints()) {
      throw new IllegalArgumentException("CocoMetric needs OKS sigmas for every keypoint, but the dataset meta of "
          + datasetMeta.datasetName() + " has " + datasetMeta.sigmas().length + " for " + datasetMeta.numKeypoints()
          + " keypoints; evaluate it with PCKAccuracy, AUC or EPE");
    }
    this.datasetMeta = datasetMeta;
    // ann_file is read when the metric first computes (MMPose reads it here), so that a metric
    // builds without its data, as `posekit check` builds it
  }

  /** The ground truth of {@code ann_file}, read once. */
  private CocoAnnotationFile annotations() {
    if (coco == null) {
      coco = CocoAnnotationFile.load(Path.of(annFile));
      if (!formatOnly && coco.annotations().isEmpty()) {
        throw new IllegalArgumentException(
            annFile + ": ground truth annotations are required for evaluation when format_only is False");
      }
    }
    return coco;
  }

  @Override
  public void process(List<PoseDataSample> dataSamples) {
    for (PoseDataSample sample : dataSamples) {
      var pred = sample.predInstances();
      if (pred == null) {
        throw new IllegalArgumentException(
            "sample img_id=" + sample.imgId() + ": pred_instances are required to process the prediction results");
      }
      if (pred.keypointScores().length != pred.keypoints().length) {
        throw new IllegalArgumentException(
            "sample img_id=" + sample.imgId() + ": " + pred.keypoints().length + " keypoint sets but "
                + pred.keypointScores().length + " keypoint score sets");
      }
      if (annFile == null && (sample.rawAnnInfo() == null || sample.oriShape() == null)) {
        throw new IllegalArgumentException(
            "sample img_id=" + sample.imgId() + ": raw_ann_info and ori_shape are required when ann_file is None");
      }
      results.add(sample);
    }
  }

  @Override
  public Map<String, Double> computeMetrics() {
    Path tmpDir = null;
    try {
      String outPrefix;
      if (outfilePrefix == null) {
        tmpDir = Files.createTempDirectory("coco-metric");
        outPrefix = tmpDir.resolve("results").toString();
      } else {
        outPrefix = outfilePrefix;
      }
      if (annFile != null) {
        annotations();
      } else if (coco == null) {
        Path gtJson = Path.of(outPrefix + ".gt.json");
        writeJson(gtJson, gtToCocoJson());
        coco = CocoAnnotationFile.load(gtJson);
      }
      Map<Long, List<Instance>> valid = scoreAndSuppress(collectInstances());
      List<KeypointResult> cocoResults = toCocoResults(valid);
      writeJson(Path.of(outPrefix + ".keypoints.json"), resultsJson(cocoResults));
      results.clear();
      if (formatOnly) {
        return Map.of();
      }
      Map<String, Double> out = new LinkedHashMap<>();
      evaluate(coco, cocoResults).forEach((name, value) -> out.put(prefix + "/" + name, value));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("CocoMetric: cannot write result files", e);
    } finally {
      if (tmpDir != null) {
        deleteRecursively(tmpDir);
      }
    }
  }

  /** The stats by name ({@code _do_python_keypoint_eval}): COCO's ten over all keypoints. */
  Map<String, Double> evaluate(CocoAnnotationFile gt, List<KeypointResult> cocoResults) {
    return summary("", new CocoKeypointEval(gt, cocoResults, datasetMeta.sigmas(), useArea));
  }

  /** Runs {@code eval} and names its ten stats, each after {@code namePrefix}. */
  static Map<String, Double> summary(String namePrefix, CocoKeypointEval eval) {
    eval.evaluate();
    eval.accumulate();
    double[] stats = eval.summarize();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < STATS_NAMES.size(); i++) {
      out.put(namePrefix + STATS_NAMES.get(i), stats[i]);
    }
    return out;
  }

  final @Nullable String annFile() {
    return annFile;
  }

  final boolean useArea() {
    return useArea;
  }

  final DatasetMeta datasetMeta() {
    return datasetMeta;
  }

  /** Splits samples into instances grouped by image (first-seen order), sorted by id, duplicates dropped. */
  private Map<Long, List<Instance>> collectInstances() {
    Map<Long, List<Instance>> kpts = new LinkedHashMap<>();
    for (PoseDataSample sample : results) {
      var pred = sample.predInstances();
      int n = pred.keypoints().length;
      double[] bboxScores;
      double[] gtScores = sample.gtInstances().bboxScores();
      if (pred.bboxScores() != null) {
        bboxScores = pred.bboxScores();
      } else if (gtScores == null || gtScores.length != n) {
        bboxScores = new double[n];
        java.util.Arrays.fill(bboxScores, 1.0); // bottom-up output may not match the annotations
      } else {
        bboxScores = gtScores;
      }
      for (int idx = 0; idx < n; idx++) {
        Instance inst = new Instance();
        inst.idIsSequence = sample.ids().size() != 1;
        inst.id = sample.ids().isEmpty() ? -1 : sample.ids().get(0);
        inst.imgId = sample.imgId();
        inst.categoryId = sample.categoryId();
        double[][] k = pred.keypoints()[idx];
        inst.keypointScores = pred.keypointScores()[idx];
        inst.keypoints = new double[k.length * 3];
        for (int p = 0; p < k.length; p++) {
          inst.keypoints[3 * p] = k[p][0];
          inst.keypoints[3 * p + 1] = k[p][1];
          inst.keypoints[3 * p + 2] = inst.keypointScores[p];
        }
        inst.bboxScore = bboxScores[idx];
        if (pred.bboxes() != null) {
          double[] b = pred.bboxes()[idx];
          inst.bbox = new double[] {b[0], b[1], b[2] - b[0], b[3] - b[1]};
        }
        double[][] scales = sample.gtInstances().bboxScales();
        if (scales != null) {
          inst.area = scales[idx][0] * scales[idx][1];
        } else {
          double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
          double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
          for (double[] p : k) {
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[0]);
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
          }
          inst.area = (x1 - x0) * (y1 - y0);
        }
        kpts.computeIfAbsent(inst.imgId, key -> new ArrayList<>()).add(inst);
      }
    }
    for (List<Instance> persons : kpts.values()) {
      // MMPose stops de-duplicating altogether at the first image whose ids are lists (bottom-up)
      if (persons.get(0).idIsSequence) {
        return kpts;
      }
      persons.sort(Comparator.comparingLong(i -> i.id));
      for (int i = persons.size() - 1; i > 0; i--) {
        if (persons.get(i).id == persons.get(i - 1).id) {
          persons.remove(i);
        }
      }
    }
    return kpts;
  }

  private Map<Long, List<Instance>> scoreAndSuppress(Map<Long, List<Instance>> kpts) {
    Map<Long, List<Instance>> valid = new LinkedHashMap<>();
    for (Map.Entry<Long, List<Instance>> entry : kpts.entrySet()) {
      List<Instance> instances = entry.getValue();
      for (Instance inst : instances) {
        inst.score = score(inst);
      }
      if (nmsMode == NmsMode.NONE) {
        valid.put(entry.getKey(), instances);
        continue;
      }
      int n = instances.size();
      double[][] keypoints = new double[n][];
      double[] areas = new double[n];
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        keypoints[i] = instances.get(i).keypoints;
        areas[i] = instances.get(i).area;
        scores[i] = instances.get(i).score;
      }
      List<Integer> keep =
          nmsMode == NmsMode.OKS_NMS
              ? OksNms.oksNms(keypoints, areas, scores, nmsThr, datasetMeta.sigmas())
              : OksNms.softOksNms(keypoints, areas, scores, nmsThr, SOFT_NMS_MAX_DETS, datasetMeta.sigmas());
      List<Instance> kept = new ArrayList<>();
      for (int i : keep) {
        kept.add(instances.get(i));
      }
      valid.put(entry.getKey(), kept);
    }
    return valid;
  }

  private double score(Instance inst) {
    double[] ks = inst.keypointScores;
    switch (scoreMode) {
      case BBOX:
        return inst.bboxScore;
      case KEYPOINT:
        return mean(ks);
      case BBOX_RLE:
        double max = Double.NEGATIVE_INFINITY;
        for (double s : ks) {
          max = Math.max(max, s);
        }
        return inst.bboxScore + mean(ks) + max;
      case BBOX_KEYPOINT:
      default:
        // float32 arithmetic, as MMPose accumulates numpy float32 keypoint scores
        float sum = 0f;
        int validNum = 0;
        for (int p = 0; p < datasetMeta.numKeypoints(); p++) {
          if (ks[p] > keypointScoreThr) {
            sum += (float) ks[p];
            validNum++;
          }
        }
        if (validNum != 0) {
          sum /= validNum;
        }
        return (float) inst.bboxScore * sum;
    }
  }

  private static double mean(double[] values) {
    return PairwiseSum.sum(values, values.length) / values.length;
  }

  private static List<KeypointResult> toCocoResults(Map<Long, List<Instance>> valid) {
    List<KeypointResult> out = new ArrayList<>();
    for (List<Instance> instances : valid.values()) {
      for (Instance inst : instances) {
        out.add(new KeypointResult(inst.imgId, inst.categoryId, inst.keypoints, inst.score, inst.bbox));
      }
    }
    return out;
  }

  /** COCO results format with sorted keys, as MMPose dumps it. */
  List<Map<String, Object>> resultsJson(List<KeypointResult> results) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (KeypointResult r : results) {
      Map<String, Object> m = new TreeMap<>();
      m.put("image_id", r.imageId());
      m.put("category_id", r.categoryId());
      putKeypoints(m, r.keypoints());
      m.put("score", r.score());
      if (r.bbox() != null) {
        m.put("bbox", r.bbox());
      }
      out.add(m);
    }
    return out;
  }

  /** The flat keypoints of one result under their key(s) of the results file. */
  void putKeypoints(Map<String, Object> result, double[] keypoints) {
    result.put("keypoints", keypoints);
  }

  /** The ground truth of the processed samples as a COCO file ({@code gt_to_coco_json}). */
  private Map<String, Object> gtToCocoJson() {
    List<Map<String, Object>> images = new ArrayList<>();
    List<Map<String, Object>> annotations = new ArrayList<>();
    LinkedHashSet<Long> seenImages = new LinkedHashSet<>();
    LinkedHashSet<Integer> categoryIds = new LinkedHashSet<>();
    for (PoseDataSample sample : results) {
      if (seenImages.add(sample.imgId())) {
        Map<String, Object> image = new TreeMap<>();
        image.put("id", sample.imgId());
        image.put("width", sample.oriShape()[1]);
        image.put("height", sample.oriShape()[0]);
        image.put("file_name", "");
        images.add(image);
      }
      for (CocoAnnotation ann : sample.rawAnnInfo()) {
        Map<String, Object> a = new TreeMap<>();
        a.put("id", ann.id());
        a.put("image_id", ann.imageId());
        a.put("category_id", ann.categoryId());
        a.put("bbox", ann.bbox());
        a.put("keypoints", ann.keypoints());
        a.put("iscrowd", ann.iscrowd());
        if (useArea) {
          if (ann.area() == null) {
            throw new IllegalArgumentException(
                "raw_ann_info of img_id=" + sample.imgId() + ", annotation id=" + ann.id()
                    + ": 'area' is required when use_area is True");
          }
          a.put("area", ann.area());
        }
        annotations.add(a);
        categoryIds.add(ann.categoryId());
      }
    }
    List<Map<String, Object>> categories = new ArrayList<>();
    for (int id : categoryIds) {
      categories.add(Map.of("id", id, "name", datasetMeta.datasetName(), "supercategory", ""));
    }
    Map<String, Object> json = new TreeMap<>();
    json.put("images", images);
    json.put("annotations", annotations);
    json.put("categories", categories);
    json.put("info", Map.of("description", "Coco json file converted by CocoMetric."));
    return json;
  }

  private static void writeJson(Path file, Object value) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    CocoJson.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CocoMetric: cannot remove temporary directory " + dir, e);
    }
  }
}
