/* ProcessPrng for Wine 8 (Debian 12), which lacks bcryptprimitives.dll. Rust's standard library
 * imports ProcessPrng from it (Windows 10 and later have it), so without this file spar.exe does
 * not start under that Wine. CI puts the DLL beside spar.exe; Windows itself never sees it. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, in advapi32 */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
