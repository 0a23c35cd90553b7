package io.posekit.configgen;

import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A typed config shaped like the processor's (builder, toBuilder, accessors), for generator tests. */
public final class LossConfig implements ModuleConfig<Object> {
  private final boolean useTargetWeight;
  private final double lossWeight;
  private final Optional<String> reduction;
  private final List<Integer> channels;

  private LossConfig(Builder b) {
    this.useTargetWeight = b.useTargetWeight;
    this.lossWeight = b.lossWeight;
    this.reduction = b.reduction;
    this.channels = b.channels;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().useTargetWeight(useTargetWeight).lossWeight(lossWeight).reduction(reduction).channels(channels);
  }

  public boolean useTargetWeight() {
    return useTargetWeight;
  }

  public double lossWeight() {
    return lossWeight;
  }

  public Optional<String> reduction() {
    return reduction;
  }

  public List<Integer> channels() {
    return channels;
  }

  /** Reads what the tests write (the runtime's reader does this for real configs). */
  static LossConfig read(Map<?, ?> dict) {
    Builder b = builder();
    if (dict.containsKey("use_target_weight")) {
      b.useTargetWeight((Boolean) dict.get("use_target_weight"));
    }
    if (dict.containsKey("loss_weight")) {
      b.lossWeight(((Number) dict.get("loss_weight")).doubleValue());
    }
    if (dict.containsKey("reduction")) {
      b.reduction(Optional.ofNullable((String) dict.get("reduction")));
    }
    if (dict.containsKey("channels")) {
      @SuppressWarnings("unchecked")
      List<Integer> channels = (List<Integer>) dict.get("channels");
      b.channels(channels);
    }
    return b.build();
  }

  @Override
  public String type() {
    return "KeypointMSELoss";
  }

  @Override
  public String scope() {
    return "mmpose";
  }

  @Override
  public Class<Object> moduleType() {
    return Object.class;
  }

  @Override
  public String registry() {
    return "MODELS";
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", type());
    map.put("use_target_weight", useTargetWeight);
    map.put("loss_weight", lossWeight);
    reduction.ifPresent(r -> map.put("reduction", r));
    map.put("channels", channels);
    return map;
  }

  @Override
  public Object build(BuildContext context) {
    throw new UnsupportedOperationException("a test config builds nothing");
  }

  public static final class Builder {
    private boolean useTargetWeight;
    private double lossWeight = 1.0;
    private Optional<String> reduction = Optional.empty();
    private List<Integer> channels = List.of();

    public Builder useTargetWeight(boolean value) {
      useTargetWeight = value;
      return this;
    }

    public Builder lossWeight(double value) {
      lossWeight = value;
      return this;
    }

    public Builder reduction(Optional<String> value) {
      reduction = value;
      return this;
    }

    public Builder reduction(String value) {
      reduction = Optional.of(value);
      return this;
    }

    public Builder channels(Iterable<Integer> value) {
      channels = List.copyOf((java.util.Collection<Integer>) value);
      return this;
    }

    public LossConfig build() {
      return new LossConfig(this);
    }
  }
}
