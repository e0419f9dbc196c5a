package io.github.mixwright.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * All the processors known by name: the command line, chain specs and docs look them up here.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class ProcessorRegistry {
    private final Map<String, ProcessorDescriptor> byName;

    private ProcessorRegistry(Map<String, ProcessorDescriptor> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Every processor offered by a {@link ProcessorProvider} on the class path. */
    public static ProcessorRegistry load() {
        List<ProcessorDescriptor> all = new ArrayList<>();
        for (ProcessorProvider provider : ServiceLoader.load(ProcessorProvider.class, ProcessorRegistry.class.getClassLoader())) {
            all.addAll(provider.processors());
        }
        return of(all);
    }

    /**
     * A registry of exactly these processors.
     *
     * @throws IllegalArgumentException if two share a name
     */
    public static ProcessorRegistry of(Collection<ProcessorDescriptor> descriptors) {
        Map<String, ProcessorDescriptor> map = new TreeMap<>();
        for (ProcessorDescriptor d : descriptors) {
            if (map.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("two processors are called '" + d.name() + "'");
            }
        }
        return new ProcessorRegistry(map);
    }

    /** Every descriptor, sorted by name. */
    public Collection<ProcessorDescriptor> all() {
        return byName.values();
    }

    /**
     * The processor called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names
     */
    public ProcessorDescriptor get(String name) {
        ProcessorDescriptor d = byName.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown processor '" + name + "'; known processors are "
                    + String.join(", ", byName.keySet()));
        }
        return d;
    }

    /** Every name, sorted. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** Whether a processor is called {@code name}. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }
}
