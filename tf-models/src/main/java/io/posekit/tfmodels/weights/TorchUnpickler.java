package io.posekit.tfmodels.weights;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;

/**
 * Pyrolite's unpickler taught the parts of PyTorch's pickle protocol a checkpoint uses: storages
 * as persistent ids ({@code ('storage', torch.FloatStorage, key, location, numel)}), tensors rebuilt
 * by {@code torch._utils._rebuild_tensor_v2}, {@code collections.OrderedDict}. Any other class
 * becomes a {@link PythonObject}, so a checkpoint's {@code meta} never stops the weights loading.
 * Globals are resolved per instance rather than through Pyrolite's static registry, which other
 * code in the JVM may share.
 */
final class TorchUnpickler extends BoundedUnpickler {
  private final TorchStorage.Source bytes;
  private final ByteOrder order;
  private final String source;
  private final Map<String, TorchStorage> storages = new HashMap<>();

  TorchUnpickler(TorchStorage.Source bytes, ByteOrder order, String source) {
    this.bytes = bytes;
    this.order = order;
    this.source = source;
  }

  /** The root storages met so far, by key (the legacy format reads their bytes afterwards). */
  Map<String, TorchStorage> storages() {
    return storages;
  }

  /** A storage class named in a persistent id; never called like a function. */
  private record StorageType(String name, TorchDtype dtype) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException("torch." + name + " called in a pickle; only storages by persistent id are supported");
    }
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    if (key == Opcodes.GLOBAL) {
      String module = PickleUtils.readline(input);
      String name = PickleUtils.readline(input);
      stack.add(global(module, name));
      return NO_RETURN_VALUE;
    }
    if (key == Opcodes.STACK_GLOBAL) {
      String name = (String) stack.pop();
      String module = (String) stack.pop();
      stack.add(global(module, name));
      return NO_RETURN_VALUE;
    }
    if (key == Opcodes.BUILD) {
      Object state = stack.pop();
      Object target = stack.peek();
      if (target instanceof PythonObject object) {
        object.setState(state);
        return NO_RETURN_VALUE;
      }
      if (target instanceof Map<?, ?> && state instanceof Map<?, ?>) {
        // instance attributes of a dict (a state_dict's _metadata, the BN versions): not its items
        return NO_RETURN_VALUE;
      }
      stack.add(state);
    }
    return super.dispatch(key);
  }

  private IObjectConstructor global(String module, String name) {
    String qualified = module + "." + name;
    switch (qualified) {
      case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
        return this::rebuildTensor;
      case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
        return args -> args[0];
      case "collections.OrderedDict":
        return args -> {
          Map<Object, Object> map = new LinkedHashMap<>();
          if (args.length > 0 && args[0] instanceof List<?> items) {
            for (Object item : items) {
              Object[] pair = (Object[]) item;
              map.put(pair[0], pair[1]);
            }
          }
          return map;
        };
      default:
        break;
    }
    if (module.equals("torch")) {
      TorchDtype dtype = TorchDtype.ofStorage(name);
      if (dtype != null) {
        return new StorageType(name, dtype);
      }
    }
    IObjectConstructor known = objectConstructors.get(qualified);
    return known != null ? known : args -> new PythonObject(qualified, args);
  }

  /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, ...)}. */
  private Object rebuildTensor(Object[] args) {
    if (args.length < 4 || !(args[0] instanceof TorchStorage storage)) {
      throw new PickleException(source + ": unexpected arguments to _rebuild_tensor_v2");
    }
    return new TorchTensor(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
  }

  private static long[] longs(Object tuple) {
    Object[] items = (Object[]) tuple;
    long[] out = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = ((Number) items[i]).longValue();
    }
    return out;
  }

  /**
   * {@code ('storage', storage_type, key, location, numel)}, one storage object per key; the legacy
   * format adds {@code view_metadata}: None, or {@code (view_key, offset, view_size)} of a view.
   */
  @Override
  protected Object persistentLoad(Object pid) {
    if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
      throw new PickleException(source + ": unsupported persistent id " + pid);
    }
    if (!(t[1] instanceof StorageType type)) {
      throw new PickleException(source + ": unsupported storage type " + t[1]);
    }
    String key = String.valueOf(t[2]);
    long numel = ((Number) t[4]).longValue();
    TorchStorage root = storages.computeIfAbsent(key,
        k -> new TorchStorage(type.dtype(), k, 0, numel, bytes, order, source));
    if (t.length > 5 && t[5] instanceof Object[] view) {
      return new TorchStorage(type.dtype(), key, ((Number) view[1]).longValue(), ((Number) view[2]).longValue(),
          bytes, order, source);
    }
    return root;
  }
}
