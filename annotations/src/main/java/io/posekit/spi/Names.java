package io.posekit.spi;

import java.util.Locale;

/** Name conventions shared by the processor and the runtime. */
public final class Names {
  private Names() {}

  /**
   * The config key for a Java name: {@code useTargetWeight} → {@code use_target_weight},
   * {@code bgrToRgb} → {@code bgr_to_rgb}, {@code layer1Stride} → {@code layer1_stride},
   * {@code numHTTPRetries} → {@code num_http_retries}.
   */
  public static String snakeCase(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = javaName.charAt(i - 1);
        boolean nextIsLower = i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextIsLower)) {
          out.append('_');
        }
      }
      out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
