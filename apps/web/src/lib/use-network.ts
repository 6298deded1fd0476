import type { Network } from '@tandem/shared'
import { useApiResource, type ApiResource } from './use-api-resource.ts'

/** The public directory of networks; a screen opened after another that read it shows it at once (then asks again). */
export function useNetworkDirectory(): ApiResource<Network[]> {
  return useApiResource<Network[]>('/networks', { remember: true })
}

/**
 * One network from the public directory (there is no single-network endpoint): `null` once known not to exist. A
 * remembered directory without it waits for the fresh answer (the network may be new) before saying so.
 */
export function useNetwork(slug: string): { network: Network | null | undefined; error: unknown } {
  const { data, error, loading } = useNetworkDirectory()
  const found = data?.find((n) => n.slug === slug)
  return { network: found ?? (data === undefined || loading ? undefined : null), error }
}
