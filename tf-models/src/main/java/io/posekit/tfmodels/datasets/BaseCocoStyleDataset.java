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
  protected static JsonNode readJson(String file, String what) {
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
    Annotations loaded = loadAnnotations();
    return dataMode == DataMode.TOPDOWN
        ? topdownDataInfos(loaded.instances())
        : bottomupDataInfos(loaded.instances(), loaded.images());
  }

  /** An image of the annotation file: its id and path (joined onto the image prefix). */
  protected record ImageEntry(long id, String imgPath) {}

  /** What {@link #loadAnnotations} read: the instances and the images, in file order. */
  protected record Annotations(List<PoseSample> instances, List<ImageEntry> images) {}

  /**
   * MMPose's {@code _load_annotations}: a COCO file read image by image (every {@code
   * sample_interval}-th image id), each annotation through {@link #parseDataInfo}. Data sets in
   * other formats (MPII's list of people) override it.
   */
  protected Annotations loadAnnotations() {
    CocoAnnotationFile coco = CocoAnnotationFile.fromJsonRecords(readJson(annFile, "COCO annotation file"), annFile);
    List<PoseSample> instances = new ArrayList<>();
    List<ImageEntry> images = new ArrayList<>();
    for (CocoImageInfo img : coco.images()) {
      if (img.id() % sampleInterval != 0) {
        continue;
      }
      images.add(new ImageEntry(img.id(), imgPath(img.fileName())));
      for (JsonRecord raw : coco.annotationRecordsOf(img.id())) {
        PoseSample info = parseDataInfo(raw, img);
        if (info != null) {
          instances.add(info);
        }
      }
    }
    return new Annotations(instances, images);
  }

  /**
   * One instance of an annotation (its JSON object {@code raw}, of image {@code img}), or null
   * for one without keypoints (an object of another category). MMPose also skips one without
   * {@code bbox}; here that fails naming the record, so a broken file is not read as fewer people.
   */
  protected @Nullable PoseSample parseDataInfo(JsonRecord raw, CocoImageInfo img) {
    if (!raw.has("keypoints")) {
      return null;
    }
    CocoAnnotation ann = CocoAnnotation.read(raw);
    double[] box = clippedBox(ann.bbox(), img);
    PoseSample s = instance(raw, img, float32(box), ann.keypoints(), false);
    // without num_keypoints MMPose counts keypoints with a non-zero coordinate
    s.numKeypoints = raw.has("num_keypoints") ? ann.numKeypoints() : countNonZero(s.keypoints[0]);
    s.area = ann.area() != null ? (float) (double) ann.area() : defaultArea(box);
    s.categoryId = ann.categoryId();
    s.rawAnnInfo = List.of(ann);
    return s;
  }

  /**
   * A top-down instance of annotation {@code raw}: box {@code xyxy}, keypoints from the flat
   * {@code x, y, v} list (which must hold the data set's keypoints) in float32 with visibility
   * {@code min(1, v)} or, with {@code wholeBody}, as COCO-WholeBody's parse keeps them: float64
   * with visibility {@code v > 0}; its ids, crowd flag and {@code num_keypoints}
   * (when given) from {@code raw}.
   */
  protected final PoseSample instance(
      JsonRecord raw, CocoImageInfo img, double[] xyxy, double[] flatKeypoints, boolean wholeBody) {
    return instance(raw, img.fileName(), xyxy, flatKeypoints, wholeBody);
  }

  private PoseSample instance(
      JsonRecord raw, String fileName, double[] xyxy, double[] flatKeypoints, boolean wholeBody) {
    PoseSample s = new PoseSample();
    s.imgId = raw.getLong("image_id");
    s.imgPath = imgPath(fileName);
    s.bbox = new double[][] {xyxy};
    s.bboxScore = new double[] {1.0};
    setKeypoints(s, flatKeypoints, wholeBody, raw.where());
    s.numKeypoints = raw.getInt("num_keypoints", 0);
    s.iscrowd = raw.getInt("iscrowd", 0);
    s.id = raw.getLong("id");
    return s;
  }

  /** Sets the keypoints of a one-instance sample from a flat {@code x, y, v} list (float32, as MMPose). */
  protected final void setKeypoints(PoseSample s, double[] flat, boolean wholeBody, String record) {
    int k = flat.length / 3;
    if (flat.length % 3 != 0 || k != metainfo.numKeypoints()) {
      throw new CocoFormatException(
          record + " has " + flat.length + " keypoint numbers (" + k + " x, y, v triplets), the data set "
              + metainfo.datasetName() + " has " + metainfo.numKeypoints() + " keypoints");
    }
    s.keypoints = new double[1][k][2];
    s.keypointsVisible = new double[1][k];
    for (int i = 0; i < k; i++) {
      double x = flat[3 * i], y = flat[3 * i + 1], v = flat[3 * i + 2];
      s.keypoints[0][i][0] = wholeBody ? x : (float) x;
      s.keypoints[0][i][1] = wholeBody ? y : (float) y;
      s.keypointsVisible[0][i] = wholeBody ? (v > 0 ? 1 : 0) : Math.min(1, (float) v);
    }
  }

  /**
   * An instance whose box is given as {@code center} and {@code scale} (a square side in units of
   * 200 pixels, MMPose's {@code pixel_std}), as the face data sets store it: box, centre and scale
   * in float32, {@code num_keypoints} and {@code iscrowd} required.
   */
  protected final PoseSample centreScaleInstance(JsonRecord raw, CocoImageInfo img) {
    PoseSample s = centreScaleInstance(raw, img.fileName());
    s.numKeypoints = raw.getInt("num_keypoints");
    s.iscrowd = raw.getInt("iscrowd");
    return s;
  }

  /** {@link #centreScaleInstance(JsonRecord, CocoImageInfo)} for an image known by its file name alone. */
  protected final PoseSample centreScaleInstance(JsonRecord raw, String fileName) {
    double[] c = raw.getDoubles("center", 2);
    double cx = (float) c[0], cy = (float) c[1];
    double side = (float) ((float) raw.getDouble("scale") * 200.0);
    double[] xyxy = centreScaleBox(cx, cy, side);
    PoseSample s = instance(raw, fileName, xyxy, raw.getDoubles("keypoints", -1), false);
    s.bboxCenter = new double[][] {{cx, cy}};
    s.bboxScale = new double[][] {{side, side}};
    return s;
  }

  /**
   * COCO's {@code [x, y, w, h]} as {@code x1, y1, x2, y2} clipped to the image, in float64 (MMPose
   * computes the fallback area from these and stores the box in float32: {@link #float32}).
   */
  protected final double[] clippedBox(double[] xywh, CocoImageInfo img) {
    img.requireSize(annFile);
    int w = img.width(), h = img.height();
    return new double[] {
      clip(xywh[0], 0, w - 1), clip(xywh[1], 0, h - 1), clip(xywh[0] + xywh[2], 0, w - 1), clip(xywh[1] + xywh[3], 0, h - 1)
    };
  }

  /** MMPose's {@code bbox_cs2xyxy} in float32: the corner is {@code c - 0.5 s}, the far corner that plus {@code s}. */
  protected static double[] centreScaleBox(double cx, double cy, double side) {
    float x1 = (float) cx - 0.5f * (float) side, y1 = (float) cy - 0.5f * (float) side;
    return new double[] {x1, y1, x1 + (float) side, y1 + (float) side};
  }

  /** The values rounded to float32, as MMPose's {@code np.array(..., dtype=np.float32)}. */
  protected static double[] float32(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** MMPose's fallback area of a float64 box: 0.53 of it, at least 1, stored in float32. */
  protected static double defaultArea(double[] xyxy) {
    return (float) Math.max(1.0, (xyxy[2] - xyxy[0]) * (xyxy[3] - xyxy[1]) * 0.53);
  }

  /** {@code np.count_nonzero(keypoints.max(axis=-1))}: keypoints with a coordinate maximum other than 0. */
  protected static int countNonZero(double[][] keypoints) {
    int n = 0;
    for (double[] p : keypoints) {
      if (Math.max(p[0], p[1]) != 0) {
        n++;
      }
    }
    return n;
  }

  /** The largest of {@code values} (-inf for none), Python's {@code max} over a flat keypoint list. */
  protected static double max(double[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** The image prefix joined with a file name, as MMPose's {@code osp.join(data_prefix['img'], ...)}. */
  protected final String imgPath(String fileName) {
    return PosixPaths.join(imgPrefix, fileName);
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** {@code num_keypoints} of an instance whose data set gives none (MPII): never filtered for it. */
  protected static final int NO_NUM_KEYPOINTS = -1;

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
  private List<PoseSample> bottomupDataInfos(List<PoseSample> instances, List<ImageEntry> images) {
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
      for (ImageEntry img : images) {
        if (!byImage.containsKey(img.id())) {
          PoseSample s = new PoseSample();
          s.imgId = img.id();
          s.imgPath = img.imgPath();
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
      s.imgPath = imgPath(img.fileName());
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

  protected final boolean testMode() {
    return testMode;
  }

  /** The annotation file this data set reads (after joining onto {@code data_root}). */
  public String annFile() {
    return annFile;
  }
}
