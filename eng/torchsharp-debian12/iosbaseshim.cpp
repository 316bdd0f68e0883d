// libiosbaseshim.so: provides std::ios_base_library_init() for libstdc++ < GCC 13.
//
// libstdc++ from GCC 13 (GLIBCXX_3.4.32) moved the std::cout/cin/... initialisation into the
// shared library and added std::ios_base_library_init() as a symbol that every translation unit
// including <iostream> references, so the linker keeps that initialisation. Binaries built with
// GCC 13+ (such as TorchSharp's libLibTorchSharp.so) therefore need that one symbol. Older
// libstdc++ (Debian 12: GCC 12, GLIBCXX_3.4.30) lacks it, but still runs the same initialisation
// whenever a std::ios_base::Init object is constructed. This shim defines the symbol and constructs
// such an object when it is loaded (it is a DT_NEEDED dependency, so it is initialised before
// libLibTorchSharp.so's own static constructors run).
//
// Build: g++ -shared -fPIC -O2 -Wl,-soname,libiosbaseshim.so -o libiosbaseshim.so iosbaseshim.cpp
#include <ios>

namespace
{
    // Constructing an ios_base::Init initialises the standard streams (reference counted).
    const std::ios_base::Init s_iosInit;
}

namespace std
{
    // Mangled name: _ZSt21ios_base_library_initv (unversioned; the patched libLibTorchSharp.so
    // binds to it without a symbol version).
    __attribute__((visibility("default"))) void ios_base_library_init()
    {
        static const std::ios_base::Init s_init;
        (void)s_init;
    }
}
