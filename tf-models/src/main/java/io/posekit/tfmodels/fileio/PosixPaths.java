package io.posekit.tfmodels.fileio;

/**
 * Python's {@code posixpath} on strings, which MMPose's datasets use on paths and URIs alike
 * ({@code osp.join(data_prefix['img'], file_name)}); {@link java.nio.file.Path} would fold the
 * {@code //} of {@code s3://bucket}.
 */
public final class PosixPaths {
  private PosixPaths() {}

  /** {@code os.path.join}: a part starting with {@code /} starts the result anew. */
  public static String join(String path, String... parts) {
    StringBuilder out = new StringBuilder(path);
    for (String part : parts) {
      if (part.startsWith("/")) {
        out.setLength(0);
        out.append(part);
      } else if (out.length() == 0 || out.charAt(out.length() - 1) == '/') {
        out.append(part);
      } else {
        out.append('/').append(part);
      }
    }
    return out.toString();
  }

  /** MMEngine's {@code is_abs}: an absolute local path or an {@code http(s)://} or {@code s3://} URI. */
  public static boolean isAbs(String path) {
    return path.startsWith("/") || path.startsWith("http://") || path.startsWith("https://") || path.startsWith("s3://");
  }
}
