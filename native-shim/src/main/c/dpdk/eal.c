/*
 * eal.c: starting DPDK's environment abstraction layer (EAL) once per process, inside a JVM.
 *
 * rte_eal_init() may run once per process, successful or not. It pins the calling thread to the
 * main lcore's CPU; a Java thread must not stay pinned, so the thread's affinity is put back
 * afterwards. Without an lcore option (-l, -c, --lcores) the EAL would start a thread per CPU
 * for lcores Torii never uses: "-l FIRST", the first CPU this thread may run on, is added.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "dpdk_internal.h"

#define MAX_ARGS 64

static pthread_mutex_t eal_lock = PTHREAD_MUTEX_INITIALIZER;
static int eal_state; /* 0: not tried; 1: running; < 0: the failed attempt's negative errno */

static int names_lcores(const char *const *argv, uint32_t argc)
{
    for (uint32_t i = 0; i < argc; i++)
    {
        if (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-c") == 0 || strncmp(argv[i], "--lcores", 8) == 0)
        {
            return 1;
        }
    }
    return 0;
}

static int first_cpu(const cpu_set_t *set)
{
    for (size_t cpu = 0; cpu < CPU_SETSIZE; cpu++)
    {
        if (CPU_ISSET(cpu, set))
        {
            return (int)cpu;
        }
    }
    return 0;
}

int torii_dpdk_eal_running(void)
{
    pthread_mutex_lock(&eal_lock);
    const int running = eal_state > 0;
    pthread_mutex_unlock(&eal_lock);
    return running;
}

int32_t torii_dpdk_abi_version(void)
{
    return TORII_DPDK_ABI_VERSION;
}

int32_t torii_dpdk_eal_init(const char *const *argv, uint32_t argc, char *log, uint32_t log_len)
{
    if (argv == NULL || argc > MAX_ARGS - 3 || (log == NULL && log_len > 0))
    {
        return -EINVAL;
    }
    pthread_mutex_lock(&eal_lock);
    if (eal_state != 0)
    {
        const int state = eal_state;
        pthread_mutex_unlock(&eal_lock);
        if (log_len > 0)
        {
            snprintf(log, log_len, "%s", state > 0 ? "the EAL already runs in this process" :
                "the EAL failed to start earlier in this process");
        }
        return state > 0 ? -EALREADY : state;
    }
    cpu_set_t saved;
    CPU_ZERO(&saved);
    const int have_affinity = pthread_getaffinity_np(pthread_self(), sizeof(saved), &saved) == 0;
    char lcore[16];
    snprintf(lcore, sizeof(lcore), "%d", have_affinity ? first_cpu(&saved) : 0);
    /* rte_eal_init takes char **, may permute it, and keeps pointers into it: a copy for life. */
    static char *args[MAX_ARGS];
    uint32_t count = 0;
    args[count++] = strdup("torii");
    for (uint32_t i = 0; i < argc; i++)
    {
        args[count++] = strdup(argv[i]);
    }
    if (!names_lcores(argv, argc))
    {
        args[count++] = strdup("-l");
        args[count++] = strdup(lcore);
    }
    args[count] = NULL;
    for (uint32_t i = 0; i < count; i++)
    {
        if (args[i] == NULL)
        {
            pthread_mutex_unlock(&eal_lock);
            return -ENOMEM;
        }
    }
    const int result = rte_eal_init((int)count, args);
    const int error = rte_errno;
    if (have_affinity)
    {
        pthread_setaffinity_np(pthread_self(), sizeof(saved), &saved);
    }
    eal_state = result < 0 ? (error > 0 ? -error : -EINVAL) : 1;
    const int state = eal_state;
    pthread_mutex_unlock(&eal_lock);
    if (log_len > 0)
    {
        snprintf(log, log_len, "%s", state > 0 ? "" : rte_strerror(-state));
    }
    return state > 0 ? 0 : state;
}
