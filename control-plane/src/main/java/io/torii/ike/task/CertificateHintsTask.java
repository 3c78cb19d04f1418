package io.torii.ike.task;

import io.torii.ike.auth.HashAlgorithms;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.CertificateRequestPayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import java.util.List;

/**
 * What IKE_SA_INIT carries for certificate authentication, as strongSwan's ike_init and ike_cert_pre
 * tasks send it: both sides announce the hashes they verify signatures with in SIGNATURE_HASH_ALGORITHMS
 * (RFC 7427 §4), and the responder asks for the initiator's certificate with a CERTREQ naming its trusted
 * CAs (RFC 7296 §1.2) when its connection checks certificates. Each side records what the peer sent for
 * IKE_AUTH: the hashes it may sign with, and whether its certificate was asked for.
 */
final class CertificateHintsTask implements IkeTask
{
    private final IkeSaContext sa;
    private final boolean initiator;

    CertificateHintsTask(final IkeSaContext sa, final boolean initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (sa.failure != null)
        {
            return TaskStatus.DONE;
        }
        draft.add(NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS,
            HashAlgorithms.encode(HashAlgorithms.SUPPORTED)));
        if (!initiator)
        {
            sa.profile.certificates().certificateRequest().ifPresent(draft::add);
        }
        return initiator ? TaskStatus.NEED_MORE : TaskStatus.DONE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        final List<NotifyPayload> hashes = Notifies.all(message, NotifyType.SIGNATURE_HASH_ALGORITHMS);
        if (!hashes.isEmpty())
        {
            sa.peerSignatureHashes = HashAlgorithms.decode(hashes.getFirst().data());
        }
        if (initiator && !message.payloadsOf(CertificateRequestPayload.class).isEmpty())
        {
            sa.certificateRequested = true;
        }
        return TaskStatus.DONE;
    }
}
