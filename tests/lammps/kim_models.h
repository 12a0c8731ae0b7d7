#pragma once
// KIM models used by the tests: Debian's openkim-models (installed system collection) and the
// portable model NaBridge builds from potentials/kimlee2022 (build tree's user collection).
#include <string>

namespace nabridge::testing {

/// Nichol & Ackland, Phys. Rev. B 93, 184101 (2016), EAM for Na (openkim-models).
inline const std::string kNicholAcklandNa = "EAM_Dynamo_NicholAckland_2016_Na__MO_048172193005_000";
/// Wilson, Gunawardana & Mendelev, J. Chem. Phys. 142, 134705 (2015), EAM for Na (openkim-models).
inline const std::string kMendelevNa = "EAM_Dynamo_Mendelev_2015_Na__MO_094065024556_000";
/// Kim & Lee, Comput. Mater. Sci. 206, 111305 (2022), 2NN-MEAM Na-Cu on the KIM MEAM driver.
inline const std::string kKimLeeNaCu = "NaBridge_MEAM_KimLee2022_NaCu";

}  // namespace nabridge::testing
