/*
 * ipsec-mb's job queue, as the batch calls use it: fill a job, submit it, take whatever jobs
 * come back completed, and at the end of a batch flush the queue so that no job outlives the
 * call (the next call may run on memory the caller has reused).
 */
#include "ipsecmb_internal.h"

IMB_JOB *next_job(IMB_MGR *imb, job_batch *batch, const uint32_t slot)
{
    IMB_JOB *job = IMB_GET_NEXT_JOB(imb);
    /* The queue hands back its slots as they were: clear so that no field of an earlier job,
       of another algorithm, leaks into this one. */
    memset(job, 0, sizeof(*job));
    batch->done_ok[slot] = 0;
    job->user_data = &batch->done_ok[slot];
    return job;
}

static void complete(const IMB_JOB *job)
{
    *(uint8_t *)job->user_data = job->status == IMB_STATUS_COMPLETED;
}

void submit_job(IMB_MGR *imb)
{
    /* The checking submit: a job ipsec-mb finds invalid comes back with an error status. */
    const IMB_JOB *done = IMB_SUBMIT_JOB(imb);
    while (done != NULL) {
        complete(done);
        done = IMB_GET_COMPLETED_JOB(imb);
    }
}

void drain_jobs(IMB_MGR *imb)
{
    const IMB_JOB *done;
    while ((done = IMB_FLUSH_JOB(imb)) != NULL) {
        complete(done);
    }
}

static IMB_HASH_ALG hash_alg(const key_schedule *key)
{
    switch (key->integ) {
    case TORII_IPSECMB_INTEG_HMAC_SHA2_256_128: return IMB_AUTH_HMAC_SHA_256;
    case TORII_IPSECMB_INTEG_HMAC_SHA2_384_192: return IMB_AUTH_HMAC_SHA_384;
    default:                                    return IMB_AUTH_HMAC_SHA_512;
    }
}

void set_hmac(IMB_JOB *job, const key_schedule *key, const uint64_t length, uint8_t *tag)
{
    job->hash_alg = hash_alg(key);
    job->hash_start_src_offset_in_bytes = 0;
    job->msg_len_to_hash_in_bytes = length;
    job->auth_tag_output = tag;
    job->auth_tag_output_len_in_bytes = key->icv_len;
    job->u.HMAC._hashed_auth_key_xor_ipad = key->ipad;
    job->u.HMAC._hashed_auth_key_xor_opad = key->opad;
}

void queue_hmac(IMB_MGR *imb, job_batch *batch, const uint32_t slot, const key_schedule *key,
                const uint8_t *data, const uint64_t length, uint8_t *tag)
{
    IMB_JOB *job = next_job(imb, batch, slot);
    job->cipher_mode = IMB_CIPHER_NULL;
    job->cipher_direction = IMB_DIR_ENCRYPT;
    job->chain_order = IMB_ORDER_HASH_CIPHER;
    job->src = data;
    job->dst = (uint8_t *)(uintptr_t)data;
    set_hmac(job, key, length, tag);
    submit_job(imb);
}
