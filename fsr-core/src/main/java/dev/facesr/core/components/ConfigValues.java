package dev.facesr.core.components;

import dev.facesr.core.loss.Penalty;
import dev.facesr.core.nn.BlockArguments;
import dev.facesr.core.train.config.Arguments;
import java.util.Locale;

/** Argument readers shared by the component factories. */
final class ConfigValues {

    private ConfigValues() {}

    /**
     * Reads an enum argument written in lower case with hyphens ({@code least-squares}).
     */
    static <E extends Enum<E>> E enumValue(Arguments a, String key, Class<E> type, E fallback) {
        if (!a.has(key)) {
            a.getString(key, null);
            return fallback;
        }
        String value = a.getString(key).trim().replace('-', '_');
        try {
            return BlockArguments.parseEnum(type, value, a.getOwner() + "." + key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace('_', '-'), e);
        }
    }

    /** Reads a penalty: {@code l1}, {@code l2} or {@code charbonnier} (with {@code epsilon}). */
    static Penalty penalty(Arguments a, String fallback) {
        String name = a.getString("penalty", fallback).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "l1" -> Penalty.L1;
            case "l2" -> Penalty.L2;
            case "charbonnier" -> Penalty.charbonnier(a.getFloat("epsilon", 1e-3f));
            default -> throw new IllegalArgumentException(a.getOwner() + ": penalty '" + name
                    + "' is unknown; known: [charbonnier, l1, l2]");
        };
    }

    /** Returns the loss weight the assembler supplies (1 when absent). */
    static float weight(Arguments a) {
        return a.hasSupplied("weight") ? a.getSupplied("weight", Float.class) : 1f;
    }
}
