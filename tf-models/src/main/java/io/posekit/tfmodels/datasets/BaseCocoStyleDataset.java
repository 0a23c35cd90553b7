package io.posekit.tfmodels.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.posekit.tfmodels.fileio.FileIO;
import io.posekit.tfmodels.fileio.PosixPaths;
import io.posekit.tfmodels.structures.BBoxTransforms;
import io.posekit.tfmodels.structures.CocoJson;
import io.posekit.tfmodels.structures.CocoAnnotation;
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import io.posekit.tfmodels.structures.CocoFormatException;
import io.posekit.tfmodels.structures.CocoImageInfo;
import io.posekit.tfmodels.structures.JsonRecord;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.LoadImage;
import io.posekit.tfmodels.transforms.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import io.posekit.annotations.Nullable;

/**
 * A keypoint data set in COCO's format, as MMPose's {@code BaseCocoStyleDataset}: instances from
 * an annotation file (top-down: one sample per valid person; bottom-up: one per image) or, in
 * test mode, person boxes from a detection results file ({@code bbox_file}); then
 * {@code filter_cfg}, then {@code indices}; every sample goes through {@code pipeline}.
 */
public abstract class BaseCocoStyleDataset implements PoseDataset {
  private final String annFile;
  private final @Nullable String bboxFile;
  private final DataMode dataMode;
  private final String imgPrefix;
  private final @Nullable FilterCfg filterCfg;
  private final @Nullable Object indices;
  private final List<Transform> pipeline;
  private final boolean testMode;
  private final int maxRefetch;
  private final int sampleInterval;
  private final DatasetMeta metainfo;
  private @Nullable List<PoseSample> dataList;

  protected BaseCocoStyleDataset(
      String annFile,
      @Nullable String bboxFile,
      DataMode dataMode,
      @Nullable String dataRoot,
      DataPrefix dataPrefix,
      @Nullable FilterCfg filterCfg,
      @Nullable Object indices,
      List<Transform> pipeline,
      boolean testMode,
      boolean lazyInit,
      int maxRefetch,
      int sampleInterval,
      DatasetMeta metainfo) {
    if (bboxFile != null && !bboxFile.isEmpty()) {
      if (dataMode != DataMode.TOPDOWN) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": bbox_file is only supported in topdown mode");
      }
      if (!testMode) {
        throw new IllegalArgumentException(
            getClass().getSimpleName() + ": bbox_file is only supported when test_mode is True");
      }
    }
    if (indices != null && !(indices instanceof Integer) && !(indices instanceof List<?>)) {
      throw new IllegalArgumentException("indices must be an int or a list of ints, got " + indices);
    }
    if (sampleInterval < 1) {
      throw new IllegalArgumentException("sample_interval must be at least 1, got " + sampleInterval);
    }
    // MMEngine joins relative paths of the annotation file and the prefixes onto data_root
    this.annFile = join(dataRoot, annFile);
    this.imgPrefix = join(dataRoot, dataPrefix.img());
    this.bboxFile = bboxFile == null || bboxFile.isEmpty() ? null : bboxFile;
    this.dataMode = dataMode;
    this.filterCfg = filterCfg;
    this.indices = indices;
    this.pipeline = List.copyOf(pipeline);
    this.testMode = testMode;
    this.maxRefetch = maxRefetch;
    this.sampleInterval = sampleInterval;
    this.metainfo = metainfo;
    if (!lazyInit) {
      fullInit();
    }
  }

  /** MMEngine's {@code _join_prefix}: a relative path goes under {@code data_root} (a folder or URI). */
  private static String join(@Nullable String root, String path) {
    if (root == null || root.isEmpty() || (!path.isEmpty() && PosixPaths.isAbs(path))) {
      return path;
    }
    return FileIO.joinPath(root, path);
  }

  /** The annotation file's JSON, read through its storage backend as MMPose's {@code get_local_path} does. */
  private static JsonNode readJson(String file, String what) {
    if (!FileIO.exists(file, null)) {
      throw new CocoFormatException(file + ": no such " + what);
    }
    return CocoJson.parse(FileIO.get(file, null), file, what);
  }

  /** Loads the data list if that has not happened yet (it is deferred with {@code lazy_init}). */
  public final synchronized void fullInit() {
    if (dataList != null) {
      return;
    }
    List<PoseSample> list = loadDataList();
    list = filterData(list);
    dataList = subset(list);
    for (int i = 0; i < dataList.size(); i++) {
      dataList.get(i).sampleIdx = i;
    }
  }

  private List<PoseSample> loadDataList() {
    if (bboxFile != null) {
      return loadDetectionResults();
    }
    CocoAnnotationFile coco = CocoAnnotationFile.fromJson(readJson(annFile, "COCO annotation file"), annFile);
    List<PoseSample> instances = new ArrayList<>();
    List<CocoImageInfo> images = new ArrayList<>();
    for (CocoImageInfo img : coco.images()) {
      if (img.id() % sampleInterval != 0) {
        continue;
      }
      images.add(img);
      for (CocoAnnotation ann : coco.annotationsOf(img.id())) {
        PoseSample info = parseDataInfo(ann, img);
        if (info != null) {
          instances.add(info);
        }
      }
    }
    return dataMode == DataMode.TOPDOWN ? topdownDataInfos(instances) : bottomupDataInfos(instances, images);
  }

  /** One instance of an annotation file, or null for an annotation without keypoints. */
  protected @Nullable PoseSample parseDataInfo(CocoAnnotation ann, CocoImageInfo img) {
    if (ann.keypoints() == null) {
      return null;
    }
    int k = ann.keypoints().length / 3;
    if (k != metainfo.numKeypoints()) {
      throw new CocoFormatException(
          annFile + ": annotation id=" + ann.id() + " has " + k + " keypoints, the data set " + metainfo.datasetName()
              + " has " + metainfo.numKeypoints());
    }
    double[] b = ann.bbox();
    int imgW = img.width(), imgH = img.height();
    // clipped to the image and held as float32, as MMPose does
    double x1 = (float) clip(b[0], 0, imgW - 1), y1 = (float) clip(b[1], 0, imgH - 1);
    double x2 = (float) clip(b[0] + b[2], 0, imgW - 1), y2 = (float) clip(b[1] + b[3], 0, imgH - 1);
    PoseSample s = new PoseSample();
    s.imgId = ann.imageId();
    s.imgPath = imgPath(img);
    s.bbox = new double[][] {{x1, y1, x2, y2}};
    s.bboxScore = new double[] {1.0};
    s.numKeypoints = ann.numKeypoints();
    s.keypoints = new double[1][k][2];
    s.keypointsVisible = new double[1][k];
    for (int i = 0; i < k; i++) {
      s.keypoints[0][i][0] = (float) ann.keypoints()[3 * i];
      s.keypoints[0][i][1] = (float) ann.keypoints()[3 * i + 1];
      s.keypointsVisible[0][i] = Math.min(1, (float) ann.keypoints()[3 * i + 2]);
    }
    s.area = ann.area() != null ? (float) (double) ann.area() : (float) Math.max(1.0, (x2 - x1) * (y2 - y1) * 0.53);
    s.iscrowd = ann.iscrowd();
    s.id = ann.id();
    s.categoryId = ann.categoryId();
    s.rawAnnInfo = List.of(ann);
    return s;
  }

  private String imgPath(CocoImageInfo img) {
    return PosixPaths.join(imgPrefix, img.fileName()); // osp.join, as MMPose
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** MMPose's {@code _is_valid_instance}: no crowds, no instances without keypoints, no empty boxes. */
  protected static boolean isValidInstance(PoseSample s) {
    if (s.iscrowd != 0 || s.numKeypoints == 0) {
      return false;
    }
    double[] b = s.bbox[0];
    if (b[2] - b[0] <= 0 || b[3] - b[1] <= 0) {
      return false;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double[] p : s.keypoints[0]) {
      max = Math.max(max, Math.max(p[0], p[1]));
    }
    return max > 0;
  }

  private List<PoseSample> topdownDataInfos(List<PoseSample> instances) {
    return new ArrayList<>(instances.stream().filter(BaseCocoStyleDataset::isValidInstance).toList());
  }

  /** One sample per image holding all its parsed instances (invalid ones too, as MMPose keeps them). */
  private List<PoseSample> bottomupDataInfos(List<PoseSample> instances, List<CocoImageInfo> images) {
    Map<Long, List<PoseSample>> byImage = new LinkedHashMap<>();
    for (PoseSample s : instances) {
      byImage.computeIfAbsent(s.imgId, k -> new ArrayList<>()).add(s);
    }
    List<PoseSample> out = new ArrayList<>();
    for (Map.Entry<Long, List<PoseSample>> e : byImage.entrySet()) {
      List<PoseSample> group = e.getValue();
      int n = group.size();
      PoseSample s = new PoseSample();
      s.imgId = e.getKey();
      s.imgPath = group.get(0).imgPath;
      s.bbox = new double[n][];
      s.bboxScore = new double[n];
      s.keypoints = new double[n][][];
      s.keypointsVisible = new double[n][];
      s.ids = new ArrayList<>();
      List<CocoAnnotation> raw = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        PoseSample g = group.get(i);
        s.bbox[i] = g.bbox[0];
        s.bboxScore[i] = g.bboxScore[0];
        s.keypoints[i] = g.keypoints[0];
        s.keypointsVisible[i] = g.keypointsVisible[0];
        s.ids.add(g.id);
        raw.addAll(g.rawAnnInfo);
      }
      s.categoryId = group.get(0).categoryId;
      s.rawAnnInfo = List.copyOf(raw);
      out.add(s);
    }
    if (testMode) {
      // images without any instance still need a prediction in testing
      for (CocoImageInfo img : images) {
        if (!byImage.containsKey(img.id())) {
          PoseSample s = new PoseSample();
          s.imgId = img.id();
          s.imgPath = imgPath(img);
          s.ids = List.of();
          out.add(s);
        }
      }
    }
    return out;
  }

  /** Person boxes of a detector as samples with placeholder keypoints (test mode, top-down). */
  private List<PoseSample> loadDetectionResults() {
    CocoAnnotationFile coco = CocoAnnotationFile.fromJson(readJson(annFile, "COCO annotation file"), annFile);
    JsonNode root = readJson(bboxFile, "bbox file");
    if (!root.isArray()) {
      throw new CocoFormatException(bboxFile + ": a bbox file must be a list of detections");
    }
    int k = metainfo.numKeypoints();
    List<PoseSample> out = new ArrayList<>();
    long nextId = 0;
    for (int i = 0; i < root.size(); i++) {
      JsonRecord det = new JsonRecord(root.get(i), bboxFile + ": [" + i + "]");
      if (det.getInt("category_id") != 1) {
        continue;
      }
      long imageId = det.getLong("image_id");
      if (!coco.hasImage(imageId)) {
        throw new CocoFormatException(det.where() + ": image_id " + imageId + " is not an image of " + annFile);
      }
      CocoImageInfo img = coco.image(imageId);
      double[] xywh = det.getDoubles("bbox", -1);
      if (xywh.length < 4) {
        throw new CocoFormatException(det.where() + ": key 'bbox' needs x, y, w, h");
      }
      double[] f = {(float) xywh[0], (float) xywh[1], (float) xywh[2], (float) xywh[3]};
      double[] xyxy = BBoxTransforms.bboxXywh2xyxy(f);
      PoseSample s = new PoseSample();
      s.imgId = imageId;
      s.imgPath = imgPath(img);
      s.imgShape = new int[] {img.height(), img.width()};
      s.bbox = new double[][] {{(float) xyxy[0], (float) xyxy[1], (float) xyxy[2], (float) xyxy[3]}};
      s.bboxScore = new double[] {(float) det.getDouble("score")};
      s.keypoints = new double[1][k][2];
      s.keypointsVisible = new double[1][k];
      java.util.Arrays.fill(s.keypointsVisible[0], 1.0);
      s.id = nextId++;
      out.add(s);
    }
    return out;
  }

  private List<PoseSample> filterData(List<PoseSample> list) {
    if (filterCfg == null || filterCfg.bboxScoreThr() == null) {
      return list;
    }
    if (dataMode != DataMode.TOPDOWN) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + ": filter_cfg.bbox_score_thr is only supported in topdown mode");
    }
    double thr = filterCfg.bboxScoreThr();
    return new ArrayList<>(list.stream().filter(s -> !(s.bboxScore[0] < thr)).toList());
  }

  private List<PoseSample> subset(List<PoseSample> list) {
    if (indices == null) {
      return list;
    }
    if (indices instanceof Integer n) {
      // a non-negative count keeps the first n samples, a negative one the last -n
      return new ArrayList<>(n >= 0 ? list.subList(0, Math.min(n, list.size())) : list.subList(Math.max(0, list.size() + n), list.size()));
    }
    List<PoseSample> out = new ArrayList<>();
    for (Object o : (List<?>) indices) {
      if (!(o instanceof Integer i)) {
        throw new IllegalArgumentException("indices must be ints, got " + o);
      }
      if (i < 0 || i >= list.size()) {
        throw new IndexOutOfBoundsException("indices: " + i + " is outside the " + list.size() + " samples");
      }
      out.add(list.get(i));
    }
    return out;
  }

  @Override
  public int size() {
    fullInit();
    return dataList.size();
  }

  @Override
  public DatasetMeta metainfo() {
    return metainfo;
  }

  /** The sample before the pipeline, with the data set's meta information filled in. */
  public PoseSample getDataInfo(int idx) {
    fullInit();
    PoseSample s = dataList.get(idx).copy();
    s.datasetName = metainfo.datasetName();
    s.upperBodyIds = metainfo.upperBodyIds();
    s.lowerBodyIds = metainfo.lowerBodyIds();
    s.flipPairs = metainfo.flipPairs();
    s.datasetKeypointWeights = metainfo.datasetKeypointWeights().clone();
    s.flipIndices = metainfo.flipIndices().clone();
    s.skeletonLinks = metainfo.skeletonLinks();
    return s;
  }

  private @Nullable PoseSample prepareData(int idx, RandomGenerator rng) {
    PoseSample s = getDataInfo(idx);
    for (Transform t : pipeline) {
      s = t.transform(s, rng);
      if (s == null) {
        return null;
      }
    }
    return s;
  }

  /**
   * As MMEngine's {@code __getitem__}: in test mode a dropped sample is an error; in training
   * another random sample is tried, up to {@code max_refetch} times.
   */
  @Override
  public PoseSample get(int idx, RandomGenerator rng) {
    fullInit();
    if (testMode) {
      PoseSample s = prepareData(idx, rng);
      if (s == null) {
        throw new IllegalStateException("the pipeline dropped test sample " + idx + "; test data must not be dropped");
      }
      return s;
    }
    for (int attempt = 0; attempt <= maxRefetch; attempt++) {
      PoseSample s = prepareData(idx, rng);
      if (s != null) {
        return s;
      }
      idx = rng.nextInt(dataList.size());
    }
    throw new IllegalStateException(
        "cannot find a valid sample after " + maxRefetch + " retries; check the data and the pipeline");
  }

  /** Lets the pipeline's {@code LoadImage} start fetching the sample's image. */
  @Override
  public void prefetch(int idx) {
    fullInit();
    for (Transform t : pipeline) {
      if (t instanceof LoadImage load) {
        load.prefetch(dataList.get(idx));
        return;
      }
    }
  }

  /** The index with the image id and file of the sample, for error messages. */
  @Override
  public String describe(int idx) {
    fullInit();
    if (idx < 0 || idx >= dataList.size()) {
      return "sample " + idx + " (outside the " + dataList.size() + " samples of " + annFile + ")";
    }
    PoseSample s = dataList.get(idx);
    return "sample " + idx + " (img_id=" + s.imgId + ", img_path=" + s.imgPath + ", ann_file=" + annFile + ")";
  }

  /** The annotation file this data set reads (after joining onto {@code data_root}). */
  public String annFile() {
    return annFile;
  }
}
