package io.posekit.tfmodels.datasets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.spi.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import io.posekit.annotations.Nullable;

/**
 * A data set's {@code metainfo} argument made into a {@link DatasetMeta}, as MMPose's
 * {@code _load_metainfo} does: None gives the class's own meta; {@code dict(from_file=...)} reads
 * {@code dataset_info} from that config file; any other dict is a {@code dataset_info} itself. A
 * {@code from_file} that does not exist is looked up by name among the data sets PoseKit ships
 * ({@code configs/_base_/datasets/coco.py}, {@code crowdpose.py}, {@code aic.py}), as MMPose
 * falls back to the copy of its configs inside the installed package.
 */
public final class MetaInfo {
  private static final Map<String, DatasetMeta> BUILT_IN =
      Map.of(
          "coco.py", DatasetMeta.coco(),
          "crowdpose.py", CrowdPoseMetaInfo.META,
          "aic.py", AicMetaInfo.META);
  /** {@code dataset_info} of MMPose's other 2D data sets, written by {@code metainfo/gen_metainfo.py}. */
  private static final String RESOURCES = "metainfo/";
  private static final Map<String, DatasetMeta> FROM_RESOURCES = new java.util.concurrent.ConcurrentHashMap<>();

  private MetaInfo() {}

  /** The meta of a data set class built with {@code metainfo} (null: the class's default). */
  public static DatasetMeta resolve(@Nullable Map<String, Object> metainfo, DatasetMeta classDefault) {
    if (metainfo == null) {
      return classDefault;
    }
    Object fromFile = metainfo.get("from_file");
    if (fromFile != null) {
      if (!(fromFile instanceof String file)) {
        throw new IllegalArgumentException("metainfo.from_file must be a path string, got " + fromFile);
      }
      return fromFile(Path.of(file), MetaInfo::loadWithServiceLoaders);
    }
    return DatasetMeta.fromDatasetInfo(metainfo, "metainfo");
  }

  /**
   * Reads {@code dataset_info} from a config file with {@code loader}. As MMPose's {@code
   * parse_pose_metainfo}, a path is taken as given (relative to the working directory); a file
   * missing there is looked up by its name among MMPose's data sets that PoseKit ships (MMPose
   * looks in {@code .mim/configs/_base_/datasets/} of the installed package), with a warning.
   */
  public static DatasetMeta fromFile(Path file, Function<Path, Map<String, Object>> loader) {
    if (!Files.isRegularFile(file)) {
      DatasetMeta builtIn = builtInOrNull(file.getFileName().toString());
      if (builtIn == null) {
        throw new IllegalArgumentException(
            "metainfo.from_file: the metainfo config file " + file + " does not exist (looked for "
                + file.toAbsolutePath().normalize() + ", then among the built-in data sets of "
                + "MMPose's configs/_base_/datasets)");
      }
      org.slf4j.LoggerFactory.getLogger(MetaInfo.class).warn(
          "The metainfo config file \"" + file + "\" does not exist. The built-in "
              + file.getFileName() + " will be used instead.");
      return builtIn;
    }
    Map<String, Object> names = loader.apply(file);
    Object info = names.get("dataset_info");
    if (!(info instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "metainfo.from_file: " + file + " must define a dict 'dataset_info', found "
              + (info == null ? "none among " + names.keySet() : info.getClass().getSimpleName()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> datasetInfo = (Map<String, Object>) map;
    return DatasetMeta.fromDatasetInfo(datasetInfo, file + ": dataset_info");
  }

  /**
   * The meta of MMPose's {@code configs/_base_/datasets/<fileName>} as PoseKit ships it: what a
   * data set class defaults to (MMPose's {@code METAINFO = dict(from_file=...)}).
   */
  public static DatasetMeta builtIn(String fileName) {
    DatasetMeta meta = builtInOrNull(fileName);
    if (meta == null) {
      throw new IllegalArgumentException("no built-in metainfo " + fileName);
    }
    return meta;
  }

  private static @Nullable DatasetMeta builtInOrNull(String fileName) {
    DatasetMeta meta = BUILT_IN.get(fileName);
    if (meta != null || !fileName.endsWith(".py")) {
      return meta;
    }
    String resource = RESOURCES + fileName.substring(0, fileName.length() - 3) + ".json";
    if (MetaInfo.class.getResource(resource) == null) {
      return null;
    }
    return FROM_RESOURCES.computeIfAbsent(resource, MetaInfo::readResource);
  }

  private static DatasetMeta readResource(String resource) {
    try (var in = MetaInfo.class.getResourceAsStream(resource)) {
      Map<String, Object> info = new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {});
      return DatasetMeta.fromDatasetInfo(info, resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in metainfo " + resource, e);
    }
  }

  private static Map<String, Object> loadWithServiceLoaders(Path file) {
    for (ConfigFileLoader loader : ServiceLoader.load(ConfigFileLoader.class)) {
      if (loader.supports(file)) {
        return loader.load(file);
      }
    }
    if (file.toString().endsWith(".json")) {
      return readJson(file);
    }
    throw new IllegalArgumentException(
        "metainfo.from_file: no ConfigFileLoader on the class path reads " + file
            + " (posekit-runtime registers one for .py, .json and .yaml; without it only .json is read)");
  }

  /** A JSON config file's top-level names. */
  public static Map<String, Object> readJson(Path file) {
    try {
      return new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read JSON: " + e.getMessage(), e);
    }
  }

  // ---- value helpers for DatasetMeta.fromDatasetInfo

  static List<Object> sequence(@Nullable Object value, String where) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (value instanceof Tuple t) {
      return new ArrayList<>(t.asList());
    }
    throw new IllegalArgumentException(where + ": expected a list or tuple, got " + describe(value));
  }

  static Map<?, ?> dict(@Nullable Object value, String where) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException(where + ": expected a dict, got " + describe(value));
  }

  static String string(@Nullable Object value, String where) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(where + ": expected a string, got " + describe(value));
  }

  static int integer(@Nullable Object value, String where) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).intValue();
    }
    throw new IllegalArgumentException(where + ": expected an int, got " + describe(value));
  }

  static double number(@Nullable Object value, String where) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(where + ": expected a number, got " + describe(value));
  }

  static int[] color(@Nullable Object value, String where) {
    List<Object> items = sequence(value, where);
    int[] rgb = new int[items.size()];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = integer(items.get(i), where + "[" + i + "]");
    }
    if (rgb.length != 3) {
      throw new IllegalArgumentException(where + ": a colour needs 3 values, got " + rgb.length);
    }
    return rgb;
  }

  private static String describe(@Nullable Object value) {
    return value == null ? "None" : value.getClass().getSimpleName() + " " + value;
  }
}
