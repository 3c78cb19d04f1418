package io.torii.dataplane.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves section references ({@code conn-a : conn-base, eap-base { ... }}) as strongSwan's settings
 * lookups do (strongswan.conf(5), "Referencing other sections"), into a tree in which every section
 * holds what it inherits, so that readers need not know about references.
 *
 * <p>The rules, which follow strongSwan's lookup order:
 * <ul>
 * <li>A reference is a dotted path from the root: {@code base} is the top-level section {@code base},
 * never a sibling of the referencing section; a sibling inside {@code connections} is
 * {@code connections.base}.</li>
 * <li>A section sees, in this order: itself, then each referenced section left to right, each followed
 * by what it inherits in turn. A key takes the value of the first section in that order that sets it,
 * so the section's own keys (even {@code key =}, which clears an inherited value back to the default)
 * win. The section's own keys and subsections come first, inherited ones follow in order.</li>
 * <li>A subsection gathers the same-named subsections of every section its parent sees, plus what
 * those inherit: {@code children} inherited from a template merges with the section's own
 * {@code children}, key by key.</li>
 * <li>A reference path may itself pass through inherited sections.</li>
 * </ul>
 * strongSwan quietly ignores a reference to a missing section and stops at cycles; Torii refuses both,
 * naming the file and line of the section that holds the reference, since either is surely a mistake.
 */
public final class SettingsInheritance
{
    private final SettingsSection root;
    /** Where each section of the file sits, for messages and hints. */
    private final Map<SettingsSection, String> paths = new IdentityHashMap<>();
    /** The same paths as a set, since an identity map compares its values by identity too. */
    private final Set<String> allPaths = new HashSet<>();
    private final Map<String, List<SettingsSection>> chainsByPath = new HashMap<>();
    /** The reference paths being resolved, outermost first, to name a cycle. */
    private final SequencedSet<String> resolving = new LinkedHashSet<>();

    private SettingsInheritance(final SettingsSection root)
    {
        this.root = root;
        recordPaths(root, "");
    }

    /**
     * @param root the root of a parsed file.
     * @return the same tree with every reference resolved and no references left; the root itself when
     *         nothing in it references anything. Values keep the location they were written at, so an
     *         error in an inherited value names the template's line.
     * @throws SettingsException naming the file and line of the referencing section when a referenced
     *         section does not exist, when references form a cycle, or when a section inherits from a
     *         section that contains it, which would nest without end.
     */
    public static SettingsSection resolve(final SettingsSection root)
    {
        if (referencedPaths(root).isEmpty())
        {
            return root;
        }
        final SettingsInheritance inheritance = new SettingsInheritance(root);
        return inheritance.build(List.of(root), new ArrayList<>());
    }

    /**
     * @param root the root of a parsed file, before {@link #resolve}.
     * @return every reference written anywhere in it, sorted: the sections that serve as templates.
     */
    public static Set<String> referencedPaths(final SettingsSection root)
    {
        final Set<String> referenced = new TreeSet<>();
        collectReferences(root, referenced);
        return Collections.unmodifiableSet(referenced);
    }

    private static void collectReferences(final SettingsSection section, final Set<String> into)
    {
        into.addAll(section.references());
        section.sections().values().forEach(child -> collectReferences(child, into));
    }

    private void recordPaths(final SettingsSection section, final String path)
    {
        paths.put(section, path);
        allPaths.add(path);
        for (final SettingsSection child : section.sections().values())
        {
            recordPaths(child, path.isEmpty() ? child.name() : path + "." + child.name());
        }
    }

    /**
     * Builds the resolved section seen through a chain: the sections it gathers, its own first.
     *
     * @param ancestors the chains of the sections above, to stop a section that inherits its own ancestor.
     */
    private SettingsSection build(final List<SettingsSection> chain, final List<List<SettingsSection>> ancestors)
    {
        final SettingsSection own = chain.getFirst();
        // The chain alone decides everything below it, so meeting an ancestor's chain again means the
        // tree would repeat itself forever.
        if (ancestors.contains(chain) || ancestors.size() >= SettingsParser.MAX_DEPTH)
        {
            throw new SettingsException(own.location(), "section '" + paths.get(own) + "' inherits from a " +
                "section that contains it, so the inherited sections would nest without end");
        }
        final LinkedHashMap<String, SettingsValue> values = new LinkedHashMap<>();
        final SequencedSet<String> childNames = new LinkedHashSet<>();
        for (final SettingsSection section : chain)
        {
            section.values().values().forEach(value -> values.putIfAbsent(value.key(), value));
            childNames.addAll(section.sections().keySet());
        }
        ancestors.add(chain);
        final LinkedHashMap<String, SettingsSection> children = new LinkedHashMap<>();
        for (final String childName : childNames)
        {
            children.put(childName, build(childChain(chain, childName), ancestors));
        }
        ancestors.removeLast();
        return new SettingsSection(own.name(), own.location(), List.of(), values, children);
    }

    /**
     * @return the chain of the subsection of that name: each section of the parent chain's own
     *         subsection of that name, with what it inherits.
     */
    private List<SettingsSection> childChain(final List<SettingsSection> parentChain, final String childName)
    {
        final Set<SettingsSection> chain = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<SettingsSection> ordered = new ArrayList<>();
        for (final SettingsSection parent : parentChain)
        {
            final SettingsSection child = parent.sections().get(childName);
            if (child != null)
            {
                expand(child, chain, ordered);
            }
        }
        return ordered;
    }

    /** Adds a section and then, left to right, what each of its references gathers; each section once. */
    private void expand(final SettingsSection section, final Set<SettingsSection> seen,
        final List<SettingsSection> ordered)
    {
        if (!seen.add(section))
        {
            return;
        }
        ordered.add(section);
        for (final String reference : section.references())
        {
            for (final SettingsSection inherited : chainOf(reference, section))
            {
                if (seen.add(inherited))
                {
                    ordered.add(inherited);
                }
            }
        }
    }

    /**
     * @param path a reference, a dotted path from the root.
     * @param referrer the section holding the reference, for messages.
     * @return the chain of the referenced section.
     */
    private List<SettingsSection> chainOf(final String path, final SettingsSection referrer)
    {
        final List<SettingsSection> known = chainsByPath.get(path);
        if (known != null)
        {
            return known;
        }
        if (resolving.contains(path))
        {
            final List<String> cycle = new ArrayList<>(resolving);
            cycle.subList(0, cycle.indexOf(path)).clear();
            cycle.add(path);
            throw new SettingsException(referrer.location(), "section '" + paths.get(referrer) + "' inherits from '" +
                path + "', which inherits from it in turn: " + String.join(" -> ", cycle));
        }
        resolving.add(path);
        List<SettingsSection> chain = List.of(root);
        for (final String part : path.split("\\.", -1))
        {
            chain = childChain(chain, part);
        }
        resolving.remove(path);
        if (chain.isEmpty())
        {
            throw new SettingsException(referrer.location(), "section '" + paths.get(referrer) + "' inherits from '" +
                path + "', which does not exist" + hint(path, referrer));
        }
        chainsByPath.put(path, List.copyOf(chain));
        return chain;
    }

    /** Points at the sibling the writer probably meant, since references start at the root. */
    private String hint(final String path, final SettingsSection referrer)
    {
        final String referrerPath = paths.get(referrer);
        final int dot = referrerPath.lastIndexOf('.');
        if (dot < 0)
        {
            return "";
        }
        final String sibling = referrerPath.substring(0, dot) + "." + path;
        return allPaths.contains(sibling) ?
            "; references are paths from the top level, so write '" + sibling + "'" : "";
    }
}
