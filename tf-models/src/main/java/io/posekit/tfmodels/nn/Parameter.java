package io.posekit.tfmodels.nn;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One graph variable under its PyTorch name. {@code buffer} marks state that is not a parameter
 * (BN running statistics); {@code trainable} is false for parameters of frozen stages;
 * {@code module} is the PyTorch class of the owning layer ({@code Conv2d}, {@code BatchNorm2d},
 * ...), which {@code init_cfg}'s {@code layer=} selects by.
 */
public record Parameter(
    String name, Variable<TFloat32> variable, Shape shape, boolean trainable, boolean buffer, String module) {}
