/*
 * AH's ICV (RFC 4302 with RFC 4868): the key's truncated HMAC over the caller's bytes and, with
 * ESN, the high sequence bits after them. Without ESN the jobs share ipsec-mb's multi-buffer
 * queue. With ESN the input is copied, 4 bytes longer, into the manager's scratch, because AH
 * has no room of its own after the data; those jobs run one at a time, after the others. AH is
 * rare next to ESP, so that copy is not worth a more intricate scheme.
 */
#include "ipsecmb_internal.h"

#define KNOWN_AH_FLAGS TORII_IPSECMB_JOB_ESN

static const key_schedule *checked_key(const torii_ipsecmb_mgr *mgr, const torii_ipsecmb_ah_job *job)
{
    const key_schedule *key = usable_key(job->key, mgr->arch);
    if (key == NULL || key->cipher != TORII_IPSECMB_CIPHER_NULL || key->integ == TORII_IPSECMB_INTEG_NONE ||
        job->data == 0 || job->icv == 0 || job->length == 0 || job->length > TORII_IPSECMB_MAX_LENGTH ||
        (job->flags & ~KNOWN_AH_FLAGS) != 0) {
        return NULL;
    }
    return key;
}

static int32_t run(torii_ipsecmb_mgr *mgr, torii_ipsecmb_ah_job *jobs, const uint32_t count, const int sign)
{
    if (mgr == NULL || jobs == NULL || count == 0 || count > TORII_IPSECMB_MAX_BATCH) {
        return TORII_IPSECMB_EINVAL;
    }
    IMB_MGR *imb = mgr->imb;
    job_batch batch;
    for (uint32_t i = 0; i < count; i++) {
        torii_ipsecmb_ah_job *job = &jobs[i];
        const key_schedule *key = checked_key(mgr, job);
        batch.step[i] = STEP_NONE;
        if (key == NULL) {
            job->status = TORII_IPSECMB_STATUS_INVALID;
            continue;
        }
        job->status = STATUS_PENDING;
        if (job->flags & TORII_IPSECMB_JOB_ESN) {
            batch.step[i] = STEP_ESN_LATER;
            continue;
        }
        uint8_t *tag = sign ? (uint8_t *)(uintptr_t)job->icv : batch.tag[i];
        queue_hmac(imb, &batch, i, key, (const uint8_t *)(uintptr_t)job->data, job->length, tag);
        batch.step[i] = STEP_CHECK_TAG;
    }
    drain_jobs(imb);
    for (uint32_t i = 0; i < count; i++) {
        if (batch.step[i] != STEP_ESN_LATER) {
            continue;
        }
        torii_ipsecmb_ah_job *job = &jobs[i];
        const key_schedule *key = (const key_schedule *)(uintptr_t)job->key;
        memcpy(mgr->ah_scratch, (const void *)(uintptr_t)job->data, job->length);
        store_be32(mgr->ah_scratch + job->length, job->seq_high);
        uint8_t *tag = sign ? (uint8_t *)(uintptr_t)job->icv : batch.tag[i];
        queue_hmac(imb, &batch, i, key, mgr->ah_scratch, (uint64_t)job->length + 4, tag);
        drain_jobs(imb);
        batch.step[i] = STEP_CHECK_TAG;
    }
    int32_t ok = 0;
    for (uint32_t i = 0; i < count; i++) {
        torii_ipsecmb_ah_job *job = &jobs[i];
        if (batch.step[i] != STEP_CHECK_TAG) {
            continue;
        }
        const key_schedule *key = (const key_schedule *)(uintptr_t)job->key;
        if (!batch.done_ok[i]) {
            job->status = TORII_IPSECMB_STATUS_INVALID;
        } else if (!sign && ct_differs(batch.tag[i], (const uint8_t *)(uintptr_t)job->icv, key->icv_len)) {
            job->status = TORII_IPSECMB_STATUS_AUTH_FAILED;
        } else {
            job->status = TORII_IPSECMB_STATUS_OK;
            ok++;
        }
    }
    return ok;
}

int32_t torii_ipsecmb_ah_sign(torii_ipsecmb_mgr *mgr, torii_ipsecmb_ah_job *jobs, const uint32_t count)
{
    return run(mgr, jobs, count, 1);
}

int32_t torii_ipsecmb_ah_verify(torii_ipsecmb_mgr *mgr, torii_ipsecmb_ah_job *jobs, const uint32_t count)
{
    return run(mgr, jobs, count, 0);
}
