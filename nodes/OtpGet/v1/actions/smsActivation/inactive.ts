import type { Dialect } from '../../../../../protocol/providers';
import { ProviderError } from '../../../../../protocol/errors';

/**
 * A refusal on a server the document lists as Inactive (InstaOTP's server 10, ../shared/api-docs/instaotp.txt):
 * waiting will not help, choosing another server will. Only a certain refusal is reworded (nothing was bought).
 */
export function onInactiveServer(
	d: Dialect,
	providerType: string | undefined,
	error: unknown,
): unknown {
	if (
		!providerType ||
		!d.inactiveProviders?.includes(providerType) ||
		!(error instanceof ProviderError) ||
		error.uncertain
	)
		return error;
	const active = (d.providerValues ?? []).filter((v) => !d.inactiveProviders?.includes(v));
	return new ProviderError(
		error.code,
		{
			kind: 'availability',
			retryable: false,
			message: `${d.name} refused ${d.providerParam ?? 'server'} ${providerType}, which its document lists as Inactive`,
			hint: `Choose another ${d.providerParam ?? 'server'}${active.length > 0 ? ` (${active.join(', ')})` : ''}`,
		},
		{ detail: error.detail, httpStatus: error.httpStatus },
	).from(error.requestKind);
}
