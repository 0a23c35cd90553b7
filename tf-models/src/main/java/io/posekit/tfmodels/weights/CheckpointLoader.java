package io.posekit.tfmodels.weights;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * MMEngine's checkpoint rules ({@code mmengine.runner.checkpoint}): where a file name points
 * ({@link #resolve}), which part of a checkpoint is the state dict ({@code state_dict}, else
 * {@code model}, else the dict itself), the {@code module.} prefix of wrapped models dropped, and
 * {@code prefix} selection as {@code init_cfg=dict(type='Pretrained', prefix='backbone.')} does.
 */
public final class CheckpointLoader {
  /** System property naming the folder where checkpoints given by URL are looked up. */
  public static final String CACHE_DIR_PROPERTY = "posekit.checkpoint.dir";

  private CheckpointLoader() {}

  /**
   * The local file for {@code filename}: a path as is; an {@code http(s)://} URL as its file name in
   * {@link #cacheDir()} (where {@code torch.hub} would have downloaded it), since nothing is
   * downloaded here: a missing file is an error saying where to put it.
   */
  public static Path resolve(String filename) {
    if (filename.startsWith("http://") || filename.startsWith("https://")) {
      String path = URI.create(filename).getPath();
      String name = path.substring(path.lastIndexOf('/') + 1);
      Path cached = cacheDir().resolve(name);
      if (!Files.isRegularFile(cached)) {
        throw new IllegalArgumentException("checkpoint " + filename + " is not cached: download it to " + cached
            + " (the folder is set by -D" + CACHE_DIR_PROPERTY + ", else $TORCH_HOME/hub/checkpoints)");
      }
      return cached;
    }
    int scheme = filename.indexOf("://");
    if (scheme > 0) {
      throw new IllegalArgumentException("checkpoint " + filename + ": '" + filename.substring(0, scheme)
          + "://' names are not resolved here; download the file and give its path or its https URL");
    }
    Path local = Path.of(filename);
    if (!Files.isRegularFile(local)) {
      throw new IllegalArgumentException("checkpoint file " + local.toAbsolutePath() + " not found");
    }
    return local;
  }

  /** {@code -Dposekit.checkpoint.dir}, else {@code $TORCH_HOME/hub/checkpoints}, else torch's default. */
  public static Path cacheDir() {
    String dir = System.getProperty(CACHE_DIR_PROPERTY);
    if (dir != null && !dir.isEmpty()) {
      return Path.of(dir);
    }
    String torchHome = System.getenv("TORCH_HOME");
    Path home = torchHome != null && !torchHome.isEmpty()
        ? Path.of(torchHome)
        : Path.of(System.getProperty("user.home"), ".cache", "torch");
    return home.resolve("hub").resolve("checkpoints");
  }

  /** The state dict of the checkpoint {@code filename} (path or cached URL), {@code module.} stripped. */
  public static StateDict readStateDict(String filename) {
    Path file = resolve(filename);
    try {
      return stateDict(TorchCheckpoint.load(file), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** As {@link #readStateDict(String)}, keeping only the keys under {@code prefix}, prefix removed. */
  public static StateDict readStateDict(String filename, String prefix) {
    StateDict all = readStateDict(filename);
    return prefix == null || prefix.isEmpty() ? all : all.selectPrefix(prefix, resolve(filename).toString());
  }

  /**
   * MMCV 1.x's {@code EMAHook} kept its averages as buffers {@code ema_<name with . as _>} beside
   * the weights, which it had swapped in before saving; those copies are not the model's and go.
   * (MMEngine's {@code EMAHook} saves the average as {@code state_dict} and the raw weights under
   * {@code ema_state_dict}, which is not read.)
   */
  private static StateDict withoutMmcvEma(StateDict dict) {
    StateDict out = new StateDict();
    java.util.Set<String> ema = new java.util.HashSet<>();
    for (String key : dict.keys()) {
      String copy = "ema_" + key.replace('.', '_');
      if (!key.startsWith("ema_") && dict.contains(copy)) {
        ema.add(copy);
      }
    }
    dict.asMap().forEach((k, v) -> {
      if (!ema.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The state dict inside an unpickled checkpoint; {@code source} names the file in errors. */
  public static StateDict stateDict(Object checkpoint, String source) {
    if (!(checkpoint instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(source + ": checkpoint is a " + describe(checkpoint) + ", expected a dict");
    }
    Object inner = map.containsKey("state_dict") ? map.get("state_dict") : map.containsKey("model") ? map.get("model") : map;
    if (!(inner instanceof Map<?, ?> entries)) {
      throw new IllegalArgumentException(source + ": the state dict is a " + describe(inner) + ", expected a dict");
    }
    StateDict out = new StateDict();
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.equals("_metadata")) {
        continue;
      }
      if (!(e.getValue() instanceof FloatArray array)) {
        throw new IllegalArgumentException(source + ": state dict entry '" + key + "' is a " + describe(e.getValue())
            + ", not a tensor (is this a checkpoint of a model?)");
      }
      out.put(key, array);
    }
    return withoutMmcvEma(out).stripModulePrefix();
  }

  private static String describe(Object value) {
    return value == null ? "None" : value.getClass().getSimpleName();
  }
}
