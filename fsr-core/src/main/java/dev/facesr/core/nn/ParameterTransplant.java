package dev.facesr.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Copies the learned values of one initialised network into another of a related shape, matching
 * parameters by their <em>structural</em> name: DJL's hierarchical parameter key without the
 * ordinal prefixes DJL adds to child names ({@code 03body_13fuse_01conv_weight} becomes
 * {@code body_fuse_conv_weight}), so a network with more blocks in a group still matches the
 * parameters that come after the group. Used to grow a trained network (for example add residual
 * blocks) and keep training it instead of starting over.
 */
public final class ParameterTransplant {

    private static final Pattern ORDINAL = Pattern.compile("(?<=^|_)\\d+(?=[A-Za-z])");

    private final List<String> copied;
    private final List<String> fresh;

    private ParameterTransplant(List<String> copied, List<String> fresh) {
        this.copied = Collections.unmodifiableList(copied);
        this.fresh = Collections.unmodifiableList(fresh);
    }

    /**
     * Returns a parameter key without DJL's child ordinals.
     *
     * @param djlKey a key from {@link Block#getParameters()}
     * @return the structural name
     */
    public static String structuralName(String djlKey) {
        return ORDINAL.matcher(djlKey).replaceAll("");
    }

    /**
     * Copies every source parameter into the target parameter of the same structural name.
     * Target parameters with no source keep their values (they are reported as fresh).
     *
     * @param source an initialised network
     * @param target an initialised network that has every parameter of {@code source}, with the
     *     same shape, and possibly more
     * @return which target parameters were copied and which are fresh
     * @throws IllegalArgumentException naming the parameter when a source parameter has no
     *     target of the same name and shape, or either network is not initialised
     */
    public static ParameterTransplant copy(Block source, Block target) {
        Map<String, Parameter> targets = byStructuralName(target, "target");
        Map<String, Parameter> sources = byStructuralName(source, "source");
        List<String> copied = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : sources.entrySet()) {
            Parameter to = targets.get(e.getKey());
            NDArray from = e.getValue().getArray();
            if (to == null) {
                throw new IllegalArgumentException("source parameter " + e.getKey()
                        + " has no counterpart in the target network; the target must contain"
                        + " the source's structure (target parameters: " + targets.keySet() + ")");
            }
            if (!to.getArray().getShape().equals(from.getShape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape "
                        + from.getShape() + " in the source but " + to.getArray().getShape()
                        + " in the target; only parameters of the same shape can be copied");
            }
            from.copyTo(to.getArray());
            copied.add(e.getKey());
        }
        List<String> fresh = new ArrayList<>(targets.keySet());
        fresh.removeAll(copied);
        return new ParameterTransplant(copied, fresh);
    }

    /**
     * Sets the given parameters of a network to zero.
     *
     * @param network an initialised network
     * @param structuralNames structural names of parameters of {@code network}
     * @throws IllegalArgumentException naming a parameter the network does not have
     */
    public static void zero(Block network, List<String> structuralNames) {
        Map<String, Parameter> params = byStructuralName(network, "network");
        for (String name : structuralNames) {
            Parameter p = params.get(name);
            if (p == null) {
                throw new IllegalArgumentException("the network has no parameter " + name);
            }
            NDArray a = p.getArray();
            // in place: the parameter keeps its own storage
            a.subi(a);
        }
    }

    /** @return structural names of the target parameters that received the source's values */
    public List<String> copied() {
        return copied;
    }

    /** @return structural names of the target parameters that have no source parameter */
    public List<String> fresh() {
        return fresh;
    }

    private static Map<String, Parameter> byStructuralName(Block block, String what) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!p.getValue().isInitialized()) {
                throw new IllegalArgumentException("the " + what + " network is not initialised"
                        + " (parameter " + p.getKey() + "); initialise it before a transplant");
            }
            String name = structuralName(p.getKey());
            if (out.putIfAbsent(name, p.getValue()) != null) {
                throw new IllegalArgumentException("two parameters of the " + what
                        + " network share the structural name " + name
                        + "; give sibling blocks distinct names");
            }
        }
        return out;
    }
}
