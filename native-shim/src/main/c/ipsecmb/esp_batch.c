/*
 * torii_ipsecmb_esp_seal/open: one downcall per batch. Each job is checked, then GCM and GMAC
 * run at once through the direct API while the other suites queue on ipsec-mb's job manager;
 * the queue is drained before the call returns, and open's second round (CBC decryption of
 * the packets whose ICV verified, restoring forged ChaCha20 packets) is queued and drained
 * after the first.
 */
#include "ipsecmb_internal.h"

#define KNOWN_ESP_FLAGS (TORII_IPSECMB_JOB_ESN | TORII_IPSECMB_JOB_IV_GIVEN)

/* The job's key when the job is one this key can process; NULL makes the job INVALID. */
static key_schedule *checked_key(const torii_ipsecmb_mgr *mgr, const torii_ipsecmb_esp_job *job)
{
    key_schedule *key = usable_key(job->key, mgr->arch);
    if (key == NULL || job->packet == 0 || (job->flags & ~KNOWN_ESP_FLAGS) != 0 ||
        job->icv_offset > TORII_IPSECMB_MAX_LENGTH || job->icv_offset < ESP_HEADER_LEN + (uint32_t)key->iv_len) {
        return NULL;
    }
    if (is_cbc(key->cipher)) {
        const uint32_t encrypted = job->icv_offset - ESP_HEADER_LEN - AES_BLOCK;
        if (encrypted == 0 || encrypted % AES_BLOCK != 0) {
            return NULL;
        }
    }
    return key;
}

/* How many jobs ahead the key schedule's lines are loaded (prefetch_gcm_key): a few GCM jobs' time covers a miss. */
#define PREFETCH_AHEAD 4

static inline void prefetch_job(const torii_ipsecmb_mgr *mgr, const torii_ipsecmb_esp_job *jobs, const uint32_t i,
                                const uint32_t count)
{
    if (i >= count) {
        return;
    }
    __builtin_prefetch((const uint8_t *)(uintptr_t)jobs[i].packet, 1, 3);
    if (i == 0 || jobs[i].key != jobs[i - 1].key) {
        prefetch_gcm_key(mgr, &jobs[i]);
    }
}

static int is_gcm_family(const key_schedule *key)
{
    return is_combined(key->cipher) && key->cipher != TORII_IPSECMB_CIPHER_CHACHA20_POLY1305;
}

static int32_t batch_result(const torii_ipsecmb_esp_job *jobs, const uint32_t count)
{
    int32_t ok = 0;
    for (uint32_t i = 0; i < count; i++) {
        ok += jobs[i].status == TORII_IPSECMB_STATUS_OK;
    }
    return ok;
}

int32_t torii_ipsecmb_esp_seal(torii_ipsecmb_mgr *mgr, torii_ipsecmb_esp_job *jobs, const uint32_t count)
{
    if (mgr == NULL || jobs == NULL || count == 0 || count > TORII_IPSECMB_MAX_BATCH) {
        return TORII_IPSECMB_EINVAL;
    }
    IMB_MGR *imb = mgr->imb;
    job_batch batch;
    for (uint32_t i = 0; i < PREFETCH_AHEAD; i++) {
        prefetch_job(mgr, jobs, i, count);
    }
    for (uint32_t i = 0; i < count; i++) {
        prefetch_job(mgr, jobs, i + PREFETCH_AHEAD, count);
        torii_ipsecmb_esp_job *job = &jobs[i];
        key_schedule *key = checked_key(mgr, job);
        batch.step[i] = STEP_NONE;
        if (key == NULL) {
            job->status = TORII_IPSECMB_STATUS_INVALID;
        } else if (is_gcm_family(key)) {
            job->status = seal_gcm(imb, job, key);
        } else if (key->cipher == TORII_IPSECMB_CIPHER_CHACHA20_POLY1305) {
            job->status = seal_chacha(imb, &batch, i, job, key);
        } else {
            job->status = seal_hmac(imb, &batch, i, job, key);
        }
    }
    drain_jobs(imb);
    for (uint32_t i = 0; i < count; i++) {
        if (batch.step[i] == STEP_SIGNED) {
            jobs[i].status = batch.done_ok[i] ? TORII_IPSECMB_STATUS_OK : TORII_IPSECMB_STATUS_INVALID;
        }
    }
    return batch_result(jobs, count);
}

/* Round two of open: what a job whose tag came back needs next, and its status so far. */
static void after_tag(IMB_MGR *imb, job_batch *batch, const uint32_t i, torii_ipsecmb_esp_job *job)
{
    const key_schedule *key = (const key_schedule *)(uintptr_t)job->key;
    const int chacha = key->cipher == TORII_IPSECMB_CIPHER_CHACHA20_POLY1305;
    batch->step[i] = STEP_NONE;
    if (!chacha) {
        return_borrowed_icv(batch, i, job);
    }
    if (!batch->done_ok[i]) {
        job->status = TORII_IPSECMB_STATUS_INVALID;
        return;
    }
    const uint8_t *icv = (const uint8_t *)(uintptr_t)job->packet + job->icv_offset;
    if (ct_differs(batch->tag[i], icv, key->icv_len)) {
        job->status = TORII_IPSECMB_STATUS_AUTH_FAILED;
        if (chacha) {
            restore_chacha(imb, batch, i, job, key);
        }
        return;
    }
    if (is_cbc(key->cipher)) {
        job->status = STATUS_PENDING;
        queue_cbc_decrypt(imb, batch, i, job, key);
        return;
    }
    job->status = TORII_IPSECMB_STATUS_OK;
}

int32_t torii_ipsecmb_esp_open(torii_ipsecmb_mgr *mgr, torii_ipsecmb_esp_job *jobs, const uint32_t count)
{
    if (mgr == NULL || jobs == NULL || count == 0 || count > TORII_IPSECMB_MAX_BATCH) {
        return TORII_IPSECMB_EINVAL;
    }
    IMB_MGR *imb = mgr->imb;
    job_batch batch;
    for (uint32_t i = 0; i < PREFETCH_AHEAD; i++) {
        prefetch_job(mgr, jobs, i, count);
    }
    for (uint32_t i = 0; i < count; i++) {
        prefetch_job(mgr, jobs, i + PREFETCH_AHEAD, count);
        torii_ipsecmb_esp_job *job = &jobs[i];
        const key_schedule *key = checked_key(mgr, job);
        batch.step[i] = STEP_NONE;
        if (key == NULL) {
            job->status = TORII_IPSECMB_STATUS_INVALID;
        } else if (is_gcm_family(key)) {
            job->status = open_gcm(imb, job, key);
        } else {
            job->status = STATUS_PENDING;
            if (key->cipher == TORII_IPSECMB_CIPHER_CHACHA20_POLY1305) {
                open_chacha(imb, &batch, i, job, key);
            } else {
                open_hmac(imb, &batch, i, job, key);
            }
        }
    }
    drain_jobs(imb);
    for (uint32_t i = 0; i < count; i++) {
        if (batch.step[i] == STEP_CHECK_TAG) {
            after_tag(imb, &batch, i, &jobs[i]);
        }
    }
    drain_jobs(imb);
    for (uint32_t i = 0; i < count; i++) {
        if (batch.step[i] == STEP_DECRYPT) {
            jobs[i].status = batch.done_ok[i] ? TORII_IPSECMB_STATUS_OK : TORII_IPSECMB_STATUS_INVALID;
        }
    }
    return batch_result(jobs, count);
}
