/**
 * Data-parallel runs on TensorFlow's own distributed runtime: each process starts an
 * {@link org.tensorflow.Server} (gRPC) for its task of one cluster, opens its session against that
 * server, and averages gradients, batch statistics and results with TensorFlow's collective ops
 * (ring all-reduce on CPUs, NCCL on GPUs). The only traffic outside TensorFlow is the rendezvous
 * that tells every process the others' addresses, as PyTorch's TCPStore does.
 */
package io.posekit.tfmodels.distributed;
