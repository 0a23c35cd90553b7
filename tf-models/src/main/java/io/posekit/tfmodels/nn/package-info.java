/**
 * Layer building blocks on TensorFlow Java graphs (NHWC), with PyTorch's padding and batch-norm
 * semantics and variables named like MMPose's PyTorch parameters ({@code
 * backbone.layer1.0.conv1.weight}), so {@code .pth} weights map by name. Weights are stored in
 * TensorFlow's layouts: conv {@code [kh, kw, in, out]} (PyTorch {@code [out, in, kh, kw]}),
 * transposed conv {@code [kh, kw, out, in]} (PyTorch {@code [in, out, kh, kw]}).
 */
package io.posekit.tfmodels.nn;
