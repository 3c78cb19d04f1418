package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import io.torii.dataplane.spd.TrafficSelector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code connections.<conn>.children.<child>} section: a CHILD_SA to negotiate, or a shunt for
 * {@link ChildMode#PASS} and {@link ChildMode#DROP}. Keys Torii does not implement (marks, interface
 * IDs, labels, updown scripts, IPComp) are not held here; the reader warns about them instead.
 *
 * @param name the child's name.
 * @param location where the section was opened.
 * @param localTs the local traffic selectors; {@code dynamic} by default.
 * @param remoteTs the remote traffic selectors; {@code dynamic} by default.
 * @param espProposals ESP proposal strings, not interpreted here; {@code default} when neither ESP
 *        nor AH proposals are given, empty when only AH proposals are.
 * @param ahProposals AH proposal strings; empty by default.
 * @param mode the IPsec mode; tunnel by default.
 * @param policies whether to install IPsec policies; yes by default.
 * @param policiesFwdOut whether to install outbound forward policies too; no by default.
 * @param lifetime the rekey and life limits.
 * @param startAction what to do when the configuration is loaded; none by default.
 * @param closeAction what to do when the peer closes the child; none by default.
 * @param dpdAction what to do when the peer is found dead; none (strongSwan's "clear") by default.
 * @param inactivity close the child after this long without traffic; zero (never) by default.
 * @param reqid a fixed reqid; 0 (allocate one) by default.
 * @param priority a fixed policy priority; 0 (computed) by default.
 * @param tfcPadding the minimum ESP packet size for traffic flow confidentiality; 0 (off) by default,
 *        {@link #TFC_PADDING_MTU} to pad to the path MTU.
 * @param replayWindow the anti-replay window in packets; 32 by default, 0 disables replay checks.
 * @param hwOffload whether to offload to the NIC; no by default.
 * @param copyDf whether tunnel mode copies the DF bit to the outer header; yes by default.
 * @param copyEcn whether tunnel mode copies ECN between the headers; yes by default.
 * @param copyDscp which way tunnel mode copies DSCP; out by default.
 * @param sha256Truncated96 whether HMAC-SHA-256 is truncated to 96 bits instead of 128 for peers that
 *        do so wrongly; no by default.
 */
public record ChildConfig(
    String name,
    SettingsLocation location,
    List<TrafficSelector> localTs,
    List<TrafficSelector> remoteTs,
    List<String> espProposals,
    List<String> ahProposals,
    ChildMode mode,
    boolean policies,
    boolean policiesFwdOut,
    ChildLifetime lifetime,
    ChildAction startAction,
    ChildAction closeAction,
    ChildAction dpdAction,
    Duration inactivity,
    long reqid,
    long priority,
    int tfcPadding,
    int replayWindow,
    HwOffload hwOffload,
    boolean copyDf,
    boolean copyEcn,
    CopyDscp copyDscp,
    boolean sha256Truncated96)
{
    /** {@link #tfcPadding} for {@code tfc_padding = mtu}. */
    public static final int TFC_PADDING_MTU = -1;
    /** strongSwan's default replay window. */
    public static final int DEFAULT_REPLAY_WINDOW = 32;

    /**
     * Copies the lists and checks that no part is missing.
     */
    public ChildConfig
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        espProposals = List.copyOf(espProposals);
        ahProposals = List.copyOf(ahProposals);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(startAction, "startAction");
        Objects.requireNonNull(closeAction, "closeAction");
        Objects.requireNonNull(dpdAction, "dpdAction");
        Objects.requireNonNull(inactivity, "inactivity");
        Objects.requireNonNull(hwOffload, "hwOffload");
        Objects.requireNonNull(copyDscp, "copyDscp");
    }
}
