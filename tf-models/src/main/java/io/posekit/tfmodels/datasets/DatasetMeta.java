package io.posekit.tfmodels.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed meta information of a keypoint data set, what MMPose's {@code parse_pose_metainfo}
 * makes of a {@code dataset_info} dict: names and ids, flip indices and pairs, skeleton links,
 * colours, joint weights and OKS sigmas. Sigmas and weights are float32, as MMPose keeps them;
 * sigmas are empty for a data set MMPose gives none (DeepFashion).
 */
public record DatasetMeta(
    String datasetName,
    int numKeypoints,
    List<String> keypointId2name,
    Map<String, Integer> keypointName2id,
    List<Integer> upperBodyIds,
    List<Integer> lowerBodyIds,
    int[] flipIndices,
    List<int[]> flipPairs,
    List<int[]> keypointColors,
    List<int[]> skeletonLinks,
    List<int[]> skeletonLinkColors,
    float[] datasetKeypointWeights,
    float[] sigmas) {

  /** Parses keypoint and skeleton info the way {@code parse_pose_metainfo} does. */
  public static DatasetMeta parse(
      String datasetName,
      List<KeypointInfo> keypointInfo,
      List<SkeletonInfo> skeletonInfo,
      double[] jointWeights,
      double[] sigmas) {
    int k = keypointInfo.size();
    // sigmas=[] (MMPose's DeepFashion): no OKS for this data set; CocoMetric refuses it
    if (jointWeights.length != k || (sigmas.length != k && sigmas.length != 0)) {
      throw new IllegalArgumentException(
          datasetName + ": " + k + " keypoints but " + jointWeights.length + " joint_weights and "
              + sigmas.length + " sigmas");
    }
    List<String> id2name = new ArrayList<>();
    Map<String, Integer> name2id = new LinkedHashMap<>();
    List<Integer> upper = new ArrayList<>();
    List<Integer> lower = new ArrayList<>();
    List<int[]> colors = new ArrayList<>();
    List<String> flipNames = new ArrayList<>();
    List<String[]> flipPairNames = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      KeypointInfo kpt = keypointInfo.get(i);
      if (kpt.id() != i) {
        throw new IllegalArgumentException(datasetName + ": keypoint_info[" + i + "] has id " + kpt.id());
      }
      id2name.add(kpt.name());
      name2id.put(kpt.name(), i);
      colors.add(kpt.color().clone());
      if ("upper".equals(kpt.type())) {
        upper.add(i);
      } else if ("lower".equals(kpt.type())) {
        lower.add(i);
      }
      if (kpt.swap().isEmpty() || kpt.swap().equals(kpt.name())) {
        flipNames.add(kpt.name());
      } else {
        flipNames.add(kpt.swap());
        // MMPose keeps (swap, name) unless that exact ordered pair is present, so both orders appear
        String[] pair = {kpt.swap(), kpt.name()};
        if (flipPairNames.stream().noneMatch(p -> Arrays.equals(p, pair))) {
          flipPairNames.add(pair);
        }
      }
    }
    int[] flipIndices = new int[k];
    for (int i = 0; i < k; i++) {
      flipIndices[i] = idOf(name2id, flipNames.get(i), datasetName);
    }
    List<int[]> flipPairs = new ArrayList<>();
    for (String[] p : flipPairNames) {
      flipPairs.add(new int[] {idOf(name2id, p[0], datasetName), idOf(name2id, p[1], datasetName)});
    }
    List<int[]> links = new ArrayList<>();
    List<int[]> linkColors = new ArrayList<>();
    for (SkeletonInfo sk : skeletonInfo) {
      links.add(new int[] {idOf(name2id, sk.from(), datasetName), idOf(name2id, sk.to(), datasetName)});
      linkColors.add(sk.color().clone());
    }
    float[] weights = new float[k];
    float[] sig = new float[sigmas.length];
    for (int i = 0; i < k; i++) {
      weights[i] = (float) jointWeights[i];
    }
    for (int i = 0; i < sigmas.length; i++) {
      sig[i] = (float) sigmas[i];
    }
    return new DatasetMeta(
        datasetName, k, List.copyOf(id2name), Map.copyOf(name2id), List.copyOf(upper), List.copyOf(lower),
        flipIndices, List.copyOf(flipPairs), List.copyOf(colors), List.copyOf(links), List.copyOf(linkColors),
        weights, sig);
  }

  private static int idOf(Map<String, Integer> name2id, String name, String datasetName) {
    Integer id = name2id.get(name);
    if (id == null) {
      throw new IllegalArgumentException(datasetName + ": unknown keypoint name '" + name + "'");
    }
    return id;
  }

  /**
   * Parses an MMPose {@code dataset_info} dict (as a config loader returns it: dicts as maps whose
   * keys may be ints, tuples as {@code Tuple}): {@code dataset_name}, {@code keypoint_info},
   * {@code skeleton_info}, {@code joint_weights}, {@code sigmas}. Problems name {@code where} and the key.
   */
  public static DatasetMeta fromDatasetInfo(Map<String, Object> info, String where) {
    Object nameValue = info.get("dataset_name");
    String name = nameValue == null ? "unnamed" : MetaInfo.string(nameValue, where + ".dataset_name");
    Map<?, ?> kptInfo = MetaInfo.dict(info.get("keypoint_info"), where + ".keypoint_info");
    List<KeypointInfo> keypoints = new ArrayList<>();
    for (Map.Entry<?, ?> e : kptInfo.entrySet()) {
      String at = where + ".keypoint_info[" + e.getKey() + "]";
      Map<?, ?> k = MetaInfo.dict(e.getValue(), at);
      Object type = k.get("type");
      Object swap = k.get("swap");
      // MMPose numbers keypoints by the dict's keys, not by their 'id' (COCO-WholeBody-Face's
      // file has an entry with a wrong id)
      keypoints.add(
          new KeypointInfo(
              MetaInfo.string(k.get("name"), at + ".name"),
              keyId(e.getKey(), at),
              MetaInfo.color(k.get("color"), at + ".color"),
              type == null ? "" : MetaInfo.string(type, at + ".type"),
              swap == null ? "" : MetaInfo.string(swap, at + ".swap")));
    }
    List<SkeletonInfo> skeleton = new ArrayList<>();
    Object skValue = info.get("skeleton_info");
    if (skValue != null) {
      for (Map.Entry<?, ?> e : MetaInfo.dict(skValue, where + ".skeleton_info").entrySet()) {
        String at = where + ".skeleton_info[" + e.getKey() + "]";
        Map<?, ?> sk = MetaInfo.dict(e.getValue(), at);
        List<Object> link = MetaInfo.sequence(sk.get("link"), at + ".link");
        if (link.size() != 2) {
          throw new IllegalArgumentException(at + ".link: a link joins 2 keypoints, got " + link.size());
        }
        skeleton.add(
            new SkeletonInfo(
                MetaInfo.string(link.get(0), at + ".link[0]"),
                MetaInfo.string(link.get(1), at + ".link[1]"),
                MetaInfo.color(sk.get("color"), at + ".color")));
      }
    }
    double[] weights = numbers(info.get("joint_weights"), where + ".joint_weights");
    double[] sigmas = numbers(info.get("sigmas"), where + ".sigmas");
    try {
      return parse(name, keypoints, skeleton, weights, sigmas);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static int keyId(Object key, String where) {
    if (key instanceof String text) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": keypoint_info keys must be ints, got '" + text + "'");
      }
    }
    return MetaInfo.integer(key, where + " key");
  }

  private static double[] numbers(Object value, String where) {
    List<Object> items = MetaInfo.sequence(value, where);
    double[] out = new double[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = MetaInfo.number(items.get(i), where + "[" + i + "]");
    }
    return out;
  }

  /** CrowdPose's 14 keypoints, as in MMPose's {@code configs/_base_/datasets/crowdpose.py}. */
  public static DatasetMeta crowdpose() {
    return CrowdPoseMetaInfo.META;
  }

  /** AI Challenger's 14 keypoints, as in MMPose's {@code configs/_base_/datasets/aic.py}. */
  public static DatasetMeta aic() {
    return AicMetaInfo.META;
  }

  /** COCO's 17 body keypoints, as in MMPose's {@code configs/_base_/datasets/coco.py}. */
  public static DatasetMeta coco() {
    return CocoMetaInfo.META;
  }
}
